package dev.docsift.core.extract;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mends what OCR does to a company's name: digits read for the letters they look like inside a word
 * ({@code C0.}, {@code 5PEED}, {@code INTERNATI0NAL}), the Malaysian legal form misread ({@code SON
 * BHD}, {@code SN 8HD}), and what is printed after the legal form on the same line (a registration
 * number, {@code SDN BHD 862725-U}, {@code S/B 273500-U (GKJ)}). Stateless.
 */
final class NameRepair {
  /** "Sdn Bhd" with one letter misread in each word at most, its dots as printed. */
  private static final Pattern SDN_BHD =
      Pattern.compile("(?i)\\b(s[do0i]?n|sdn)(\\.?\\s*)([b83]h[di0o])\\b");

  /**
   * A legal form that ends a name, and what follows it on the line; the German forms of mutuals and
   * associations ("a.G.", "e.V.") only at the line's end, where they cannot be initials.
   */
  private static final Pattern ENDING_FORM =
      Pattern.compile(
          "(?i)\\b(sdn\\.?\\s*bhd\\.?|bhd\\.?|s/b|ltd\\.?|limited|inc\\.?|llc|gmbh|sarl|plc|"
              + "pte\\.?\\s*ltd\\.?|pty\\.?\\s*ltd\\.?|corp\\.?)(?![\\p{L}])"
              + "|(?i)\\b(?:a\\.\\s?g|e\\.\\s?v|e\\.\\s?g|kgaa)\\.?$");

  /** What may follow a legal form and still be no part of the name: it holds a digit or is cut. */
  private static final Pattern TRAILER = Pattern.compile("^\\s*(?:[-,(\\[].*|.*\\d.*)$");

  private static final String LOOKS_LIKE_DIGIT = "0158";
  private static final String LETTER_FOR_DIGIT = "OISB";

  private NameRepair() {}

  /**
   * Mends a name.
   *
   * @param name the name as read
   * @return the name mended, or as read where nothing needed it
   */
  static String mend(String name) {
    String t = snapLegalForm(name);
    t = lettersForDigits(t);
    return cutAfterLegalForm(t);
  }

  /**
   * Mends the words of an address line, more warily than a name's, since addresses hold codes of
   * letters and digits ({@code U5/BM}, {@code SS21/60}, {@code 2ND}): a {@code 0} or {@code 1}
   * between two letters or ending a word of small letters is the letter it looks like ({@code L0T},
   * {@code B1vd}, {@code Leve1}), and a number with one or two letters that look like digits is all
   * digits ({@code 4030o}, {@code 5200O}).
   *
   * @param line the line as read
   * @return the line mended
   */
  static String mendAddress(String line) {
    String[] words = line.split(" ", -1);
    for (int w = 0; w < words.length; w++) {
      words[w] = digitsForLetters(addressLetters(words[w]));
    }
    return String.join(" ", words);
  }

  private static String addressLetters(String word) {
    if (Text.countDigits(word) != 1 || Text.countLetters(word) < 2) {
      return word;
    }
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c != '0' && c != '1') {
        continue;
      }
      char before = i > 0 ? word.charAt(i - 1) : ' ';
      char after = i + 1 < word.length() ? word.charAt(i + 1) : ' ';
      // A 1 between capitals stays: postcodes and codes hold them (SW1B 3BN).
      boolean between =
          Character.isLetter(before)
              && Character.isLetter(after)
              && (c == '0' || Character.isLowerCase(after));
      boolean ending =
          i >= 2
              && !Character.isLetterOrDigit(after)
              && Character.isLowerCase(before)
              && Character.isLowerCase(word.charAt(i - 2));
      if (!between && !ending) {
        return word;
      }
      char near = Character.isLetter(after) ? after : before;
      boolean lower = Character.isLowerCase(near);
      char letter = c == '0' ? (lower ? 'o' : 'O') : (lower ? 'l' : 'I');
      return word.substring(0, i) + letter + word.substring(i + 1);
    }
    return word;
  }

  /** A postcode or house number with an O or l read for its 0 or 1. */
  private static final Pattern NUMBER_WITH_LETTERS = Pattern.compile("^\\d[\\dOoIl]{3,}\\d?[.,]?$");

  private static String digitsForLetters(String word) {
    if (!NUMBER_WITH_LETTERS.matcher(word).matches() || Text.countDigits(word) < 3) {
      return word;
    }
    return word.replaceAll("[Oo]", "0").replaceAll("[Il]", "1");
  }

  private static String snapLegalForm(String text) {
    Matcher m = SDN_BHD.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      boolean upper = m.group(3).equals(m.group(3).toUpperCase(Locale.ROOT));
      String sdn = upper ? "SDN" : "Sdn";
      String bhd = upper ? "BHD" : "Bhd";
      m.appendReplacement(sb, Matcher.quoteReplacement(sdn + m.group(2) + bhd));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /**
   * A word of letters with one digit that looks like a letter beside them: the letter it is. A word
   * with more digits ({@code Diner2000}, {@code L1T2}) or none beside letters is left alone.
   */
  private static String lettersForDigits(String text) {
    String[] words = text.split(" ", -1);
    for (int w = 0; w < words.length; w++) {
      String word = words[w];
      int letters = Text.countLetters(word);
      // One letter will do for a zero ("C0." is "CO."); other digits need a word around them.
      if (Text.countDigits(word) != 1 || letters < 1 || (letters < 2 && word.indexOf('0') < 0)) {
        continue;
      }
      for (int i = 0; i < word.length(); i++) {
        int k = LOOKS_LIKE_DIGIT.indexOf(word.charAt(i));
        if (k < 0) {
          continue;
        }
        char before = i > 0 ? word.charAt(i - 1) : ' ';
        char after = i + 1 < word.length() ? word.charAt(i + 1) : ' ';
        if (!Character.isLetter(before) && !Character.isLetter(after)) {
          continue;
        }
        char near = Character.isLetter(after) ? after : before;
        char letter = LETTER_FOR_DIGIT.charAt(k);
        if (Character.isLowerCase(near) && i > 0) { // a word's first letter stays a capital
          letter = Character.toLowerCase(letter);
        }
        words[w] = word.substring(0, i) + letter + word.substring(i + 1);
      }
    }
    return String.join(" ", words);
  }

  /** Whether a text ends a name with a legal form that closes names ("Sdn Bhd", "a.G."). */
  static boolean hasEndingForm(String text) {
    return ENDING_FORM.matcher(text.strip()).find();
  }

  /**
   * Whether a name line is a legal form with one word before it at most ({@code CO. (M) SDN BHD},
   * {@code -STATIONERY SDN.BHD}): the end of a name begun on the line above.
   */
  static boolean endsInFragment(String line) {
    Matcher m = ENDING_FORM.matcher(line);
    if (!m.find()) {
      return false;
    }
    String before = line.substring(0, m.start()).replaceAll("\\([^)]*\\)", " ").strip();
    return before.isEmpty() || before.split("\\s+").length <= 1;
  }

  private static String cutAfterLegalForm(String text) {
    Matcher m = ENDING_FORM.matcher(text);
    int end = -1;
    while (m.find()) {
      end = m.end();
    }
    if (end < 0 || end >= text.length()) {
      return text;
    }
    String rest = text.substring(end);
    return TRAILER.matcher(rest).matches() ? text.substring(0, end).strip() : text;
  }
}
