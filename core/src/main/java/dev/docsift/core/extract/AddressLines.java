package dev.docsift.core.extract;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a line under a party's name is: part of its postal address, or contact details, an
 * identifier or a labelled value that follows it ("USt-IdNr. DE123456789", "GLN 4000001123452",
 * "Kunden-Nr.: 009420"). Where a block holds a postal-code line ("80333 München", "SW1B 3BN
 * London", "Austin, TX 78701"), the address ends with it: what follows is the country or the
 * party's numbers. Stateless.
 */
final class AddressLines {
  /** The words contact details open with: "Tel", "Fax", "H/P" (a mobile in Malaysia). */
  private static final String CONTACT_WORDS = "(?i)(?:tel|phone|fax|mob|ph|h/p)\\b";

  private static final Pattern PHONE =
      Pattern.compile(CONTACT_WORDS + "|^[+()\\d][\\d\\s()./+-]{6,}$");
  private static final Pattern WEB = Pattern.compile("(?i)@|www\\.|https?:|\\.(com|net|org)\\b");

  /** A token with six digits or more: a tax or registration number, a phone number, a GLN. */
  private static final Pattern LONG_NUMBER = Pattern.compile("(?:^|\\s)[^\\s]*\\d{6,}[^\\s]*");

  /** "201/113/40209", "12 345 678 901": digits in groups, making up most of the line. */
  private static final Pattern GROUPED_NUMBER =
      Pattern.compile("^[A-Z]{0,3}\\s?\\d{2,}(?:[\\s/.-]\\d{2,}){2,}$");

  /** An American state and ZIP code ending a line: "TX 78701", "CA. 90201", "NJ07302". */
  private static final String STATE_ZIP = "\\b[A-Z]{2}[.,]?\\s*\\d{5}(?:-\\d{4})?$";

  /**
   * A postal-code line: continental ("80333 München", "D-80333 München", "1012 AB Amsterdam",
   * "Jalan 5, 81100 Johor Bahru"), British ("SW1B 3BN London") or American ("Austin, TX 78701").
   */
  private static final Pattern POSTAL =
      Pattern.compile(
          "(?:^|,\\s*)(?:[A-Z]{1,3}[- ])?\\d{4,5}(?:\\s?[A-Z]{2})?\\s+\\p{L}"
              + "|^(?:[A-Z]{1,3}[- ])?[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2}\\b"
              + "|"
              + STATE_ZIP);

  /** A country code printed before a continental postal code: "DE 80333", "D-80333", "FR 69001". */
  private static final Pattern COUNTRY_PREFIX =
      Pattern.compile("^[A-Z]{1,3}[- ](?=(?:\\d{4,5}|[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2})\\s)");

  /** A company number printed before the address on its line: "(81109-A) NO 290, JALAN ...". */
  private static final Pattern LEADING_REGISTRATION =
      Pattern.compile("^\\(?\\s*\\d{4,8}\\s*-\\s*[A-Z]\\s*\\)\\s*");

  private static final Pattern OPENS =
      Pattern.compile(
          "^(?:\\d+[A-Za-z]?(?:[-/]\\d+[A-Za-z]?)*\\b[,.]?"
              + "|(?i:no\\.?\\s?\\d|lot\\b|level\\b|unit\\b|suite\\b|blok\\b|block\\b|g\\.\\d))");

  /** Words of streets and towns, and a five-digit postcode: "Jalan", "Road", "Selangor", "CA". */
  private static final Pattern STREET_OR_TOWN =
      Pattern.compile(
          "(?i)\\b(jalan|jln|taman|lot|no\\.|street|st\\.|road|rd\\.?|avenue|ave|blvd|boulevard|"
              + "lane|drive|dr\\.|suite|floor|plaza|straße|strasse|str\\.|weg|platz|iela|rue|via|"
              + "calle|laan|selangor|kuala|lumpur|johor|ca|ny|tx)\\b|\\b\\d{5}\\b");

  private AddressLines() {}

  /** Whether a text holds a street's or a town's word, or a five-digit postcode. */
  static boolean streetOrTown(String text) {
    return STREET_OR_TOWN.matcher(text).find();
  }

  /**
   * Writes an address's lines as one text. An address printed with its own commas ("NO 16A, JALAN
   * ASTAKA U8/83," / "40150 SHAH ALAM, SELANGOR.") keeps them, its lines joined by spaces; one
   * printed as bare lines ("Lieferantenstraße 20" / "80333 München") gets a comma between lines. A
   * postal-code line loses the country code before the code ({@link #withoutCountryPrefix}), a line
   * the company number printed before it; OCR's digits for letters are mended ({@link
   * NameRepair#mendAddress}).
   *
   * <p>In a country whose postal service writes an address on one line without commas (the US), the
   * lines are joined by spaces as printed.
   *
   * @param lines the lines' texts, top to bottom
   * @param plain whether the document's country joins an address's lines without commas
   * @return the address, or an empty text when the lines hold nothing
   */
  static String join(List<String> lines, boolean plain) {
    boolean punctuated = plain || lines.stream().anyMatch(l -> l.contains(","));
    return lines.stream()
        .map(l -> NameRepair.mendAddress(LEADING_REGISTRATION.matcher(l.strip()).replaceFirst("")))
        .map(l -> postal(l) ? withoutCountryPrefix(l) : l)
        .map(l -> punctuated ? l.strip() : Text.trimPunctuation(l))
        .filter(l -> !l.isEmpty())
        .collect(Collectors.joining(punctuated ? " " : ", "));
  }

  /**
   * Whether a line is a street address's first line: it begins with a house number ("3768 Mission
   * Blvd", "12, Jalan Tampoi", "No.18 & 19") or a unit ("Lot 3", "Level 6").
   */
  static boolean opensAddress(String line) {
    return OPENS.matcher(NameRepair.mendAddress(line.strip())).find();
  }

  /** A word that opens contact details printed after an address on its line: "Tel No.: 07-387". */
  private static final Pattern CONTACT_WORD = Pattern.compile("^" + CONTACT_WORDS);

  /**
   * Where contact details begin on an address's line ("81750 Johor Bahru, Johor. Tel No.: 07-387
   * 3322"): the index of the word that opens them, after at least one word of address, or -1.
   *
   * @param words the line's words
   * @return the index, or -1 where the line holds no address before contact details
   */
  static int contactStart(List<String> words) {
    for (int i = 1; i < words.size(); i++) {
      if (CONTACT_WORD.matcher(words.get(i)).find()) {
        return contact(String.join(" ", words.subList(0, i))) ? -1 : i;
      }
    }
    return -1;
  }

  /** Whether a text is contact details: a phone or fax number, a web or e-mail address. */
  static boolean contact(String text) {
    return PHONE.matcher(text.strip()).find() || WEB.matcher(text).find();
  }

  /**
   * Whether a line is not part of a postal address: contact details, a labelled value ("Lief-Nr:
   * 549910") or an identifier.
   */
  static boolean notAddress(String line) {
    String s = line.strip();
    return contact(s)
        || LABEL_COLON.matcher(s).find()
        || (LONG_NUMBER.matcher(s).find() && !postal(s))
        || GROUPED_NUMBER.matcher(s).matches();
  }

  /** A label's colon after a word ("Lief-Nr: 549910"); OCR's colon inside a number is none. */
  private static final Pattern LABEL_COLON = Pattern.compile("[\\p{L}.)#]\\s?:");

  /** Whether a line ends with an American state and ZIP code ("Austin, TX 78701"). */
  static boolean usPostal(String line) {
    return US_POSTAL.matcher(line.strip()).find();
  }

  private static final Pattern US_POSTAL = Pattern.compile(STATE_ZIP);

  /** Whether a line holds a postal code with its town, the line an address ends with. */
  static boolean postal(String line) {
    return POSTAL.matcher(line.strip()).find();
  }

  /**
   * A postal-code line without the country code before the code: "DE 80333 München" → "80333
   * München". The country is kept apart from the address lines, as e-invoices (EN 16931) keep it.
   */
  static String withoutCountryPrefix(String line) {
    return COUNTRY_PREFIX.matcher(line.strip()).replaceFirst("");
  }
}
