package dev.docsift.core.extract;

import dev.docsift.core.extract.score.CandidateScorer;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.ValueKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Proposes and scores the lines at the top of a document that may name its issuer (a shop, a
 * seller). Every segment of the header zone is a candidate; each is described by features — where
 * it is, how large, what it looks like, what the hand-written rule thinks of it — and a learned
 * {@link CandidateScorer} ({@value #MODEL}) picks the likeliest. Without the model, the rule
 * decides.
 *
 * <p>Stateless and thread-safe.
 */
public final class HeaderNames {
  /** The shipped model; {@code docsift bench scorer} trains it. */
  public static final String MODEL = "/dev/docsift/core/extract/header-name-scorer.json";

  /** The features, in the order the model takes them. */
  public static final List<String> FEATURES =
      List.of(
          "order",
          "first",
          "top",
          "height",
          "tallest",
          "upper",
          "letters",
          "digits",
          "legal_form",
          "name_like",
          "address_like",
          "contact",
          "date_time_money",
          "title",
          "label",
          "words",
          "confidence",
          "centred",
          "width",
          "registration",
          "length",
          "rule_pick",
          "after_rule_pick",
          "function_words",
          "address_follows");

  /** Legal forms of companies in the shipped languages and beyond: a name's strongest sign. */
  private static final Pattern LEGAL_FORM =
      Pattern.compile(
          "(?i)(\\b(sdn\\.?\\s*bhd|bhd|s/b|ltd|limited|inc|llc|l\\.l\\.c|gmbh|ohg|e\\.k|sia|sarl|"
              + "s\\.a\\.r\\.l|srl|s\\.r\\.l|spa|s\\.p\\.a|b\\.v|n\\.v|corp|corporation|plc|pty|pte|"
              + "a/s|oy|s\\.a|s\\.l|sas)\\b\\.?|\\b(ag|kg|bv|nv|ab|as|sa)$|^(as|sia)\\b)");

  /** Whether a text holds a company's legal form ("GmbH", "Sdn Bhd", "AG" at its end). */
  static boolean hasLegalForm(String text) {
    return LEGAL_FORM.matcher(text.strip()).find();
  }

  private static final Pattern REGISTRATION =
      Pattern.compile(
          "\\(?\\b[0-9]{4,}[- ]?[A-Z]\\b\\)?|(?i)\\b(co\\.?\\s*reg|reg\\.?\\s*no|gst\\s*(id|reg))");

  private static final Optional<CandidateScorer> SHIPPED =
      CandidateScorer.resource(MODEL, FEATURES);

  private HeaderNames() {}

  /**
   * A proposed name.
   *
   * @param text the name as it would be written: edges trimmed, a trailing registration number in
   *     parentheses left out
   * @param features its features, in {@link #FEATURES} order
   */
  public record Proposal(String text, double[] features) {}

  /**
   * Proposes the names of a document's header zone, for training and measuring the scorer.
   *
   * @param pages the pages as OCR read them
   * @param schema the schema (its labels tell labels from names)
   * @return the candidates, top to bottom
   */
  public static List<Proposal> propose(List<OcrPage> pages, DocumentSchema schema) {
    Doc doc = Doc.of(pages, schema);
    return candidates(doc, Integer.MAX_VALUE).stream()
        .map(c -> new Proposal(c.text(), c.features()))
        .toList();
  }

  /** A segment of the header zone with its features. */
  record NameCandidate(
      Row row, Row.Segment segment, List<OcrWord> words, String text, double[] features) {}

  /**
   * The best-scored candidate, when the shipped model is present.
   *
   * @param doc the document
   * @param zoneEnd where the header zone of the first page ends at the latest, in pixels
   * @return the candidate, or empty when there is none or no model (the rule decides then)
   */
  static Optional<NameCandidate> best(Doc doc, int zoneEnd) {
    if (SHIPPED.isEmpty()) {
      return Optional.empty();
    }
    CandidateScorer model = SHIPPED.get();
    NameCandidate best = null;
    double bestScore = -1;
    for (NameCandidate c : candidates(doc, zoneEnd)) {
      double s = model.score(c.features());
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Whether a shipped model scores the names. */
  static boolean learned() {
    return SHIPPED.isPresent();
  }

  static List<NameCandidate> candidates(Doc doc, int zoneEnd) {
    List<Row> rows = doc.layout().rowsOf(doc.layout().firstPage());
    List<NameCandidate> out = new ArrayList<>();
    if (rows.isEmpty()) {
      return out;
    }
    OcrPage page = rows.get(0).page();
    int limit = Math.min(zoneEnd, (int) (page.height() * HeaderBlock.ZONE));
    double pageHeight = rows.stream().mapToDouble(Row::height).sorted().toArray()[rows.size() / 2];
    HeaderBlock rule = HeaderBlock.findByRule(doc, zoneEnd).orElse(null);
    List<Row> zone = new ArrayList<>();
    for (Row r : rows) {
      if (r.box().top() >= limit && zone.size() >= 3) {
        break;
      }
      zone.add(r);
    }
    double tallest = 1;
    for (Row r : zone) {
      for (Row.Segment s : r.segments()) {
        tallest = Math.max(tallest, Row.medianHeight(r.words().subList(s.from(), s.to())));
      }
    }
    boolean afterRule = false;
    int order = 0;
    for (Row r : zone) {
      for (Row.Segment s : r.segments()) {
        List<OcrWord> words =
            ValueReader.trimEdges(r.words().subList(s.from(), labelStart(doc, r, s)));
        if (words.isEmpty()) {
          continue;
        }
        String raw = Candidate.join(words);
        if (Text.countLetters(raw) < 2 || !hasWord(raw)) {
          continue; // "L1 T1", "U E P": a till's codes or OCR's crumbs, no name
        }
        if (sentenceWords(raw) >= 2) {
          continue; // "For a Chance to WIN", "YOUR GUEST NUMBER IS": a sentence, no name
        }
        if (MoneyParser.findAll(r.text()).stream().anyMatch(MoneyParser.Money::explicit)) {
          continue; // "Guaca Chicharron   $13.95": a priced line is an item, no name
        }
        LabelHit opening = doc.hitOpening(r, s);
        if (opening != null && opening.to() >= s.to() && !opening.builtin()) {
          continue; // a heading alone ("Käufer" beside "Lieferant"), no one's name
        }
        boolean rulePick =
            rule != null
                && rule.nameRow() == r
                && !rule.name().isEmpty()
                && rule.name().get(0) == words.get(0);
        double[] f =
            features(doc, r, s, words, raw, order, page, pageHeight, tallest, rulePick, afterRule);
        out.add(new NameCandidate(r, s, words, clean(raw), f));
        afterRule |= rulePick;
        order++;
      }
    }
    return out;
  }

  /**
   * Words of a sentence rather than a name: "For a Chance to WIN", "See Back of Receipt", "It pays
   * to DISCOVER".
   */
  private static final Pattern FUNCTION_WORD =
      Pattern.compile(
          "(?i)(?<![\\p{L}'])(to|for|the|your|you|our|is|are|be|with|please|see|visit)(?![\\p{L}'])");

  /**
   * How soon a street's first line follows a row: 1 on the next row, less further down, 0 beyond
   * three rows. The issuer's name stands over its address.
   */
  private static double addressFollows(Doc doc, Row r) {
    Row next = r;
    for (int k = 1; k <= 3; k++) {
      next = doc.layout().next(next);
      if (next == null || next.page() != r.page()) {
        return 0;
      }
      if (AddressLines.opensAddress(next.text()) && !AddressLines.notAddress(next.text())) {
        return 1 - (k - 1) / 3.0;
      }
    }
    return 0;
  }

  /** How many of a sentence's function words a text holds. */
  static int sentenceWords(String text) {
    Matcher m = FUNCTION_WORD.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** Whether a text reads as a sentence, holding one of its function words. */
  static boolean sentenceLike(String text) {
    return FUNCTION_WORD.matcher(text).find();
  }

  /** Whether a text holds a word of three letters in a row. */
  private static boolean hasWord(String text) {
    return WORD.matcher(text).find();
  }

  private static final Pattern WORD = Pattern.compile("\\p{L}{3}");

  /**
   * Where a segment's name ends: at an id's or a phone's label that starts inside it after its
   * first word ("SIA KONGS PVN LV4360...", "ACME STORE TEL 555-0100"); other labels may be words of
   * the name ("FIVE STAR CASH & CARRY").
   */
  private static int labelStart(Doc doc, Row r, Row.Segment s) {
    for (LabelHit h : doc.hits(r)) {
      boolean idOrContact =
          h.fields().stream().anyMatch(f -> f.kind() == ValueKind.ID)
              || (h.builtin() && AddressLines.contact(h.label()));
      if (idOrContact && h.from() > s.from() && h.from() < s.to()) {
        return h.from();
      }
    }
    return s.to();
  }

  private static double[] features(
      Doc doc,
      Row r,
      Row.Segment s,
      List<OcrWord> words,
      String text,
      int order,
      OcrPage page,
      double medianHeight,
      double tallest,
      boolean rulePick,
      boolean afterRule) {
    int letters = Text.countLetters(text);
    int digits = Text.countDigits(text);
    int upper = 0;
    for (int i = 0; i < text.length(); i++) {
      if (Character.isUpperCase(text.charAt(i))) {
        upper++;
      }
    }
    int visible = text.replaceAll("\\s", "").length();
    double height = Row.medianHeight(words);
    var box = r.boxOf(s.from(), s.to());
    double centre = (box.left() + box.right()) / 2.0;
    String lower = text.toLowerCase(Locale.ROOT);
    return new double[] {
      Math.min(order, 10) / 10.0,
      order == 0 ? 1 : 0,
      (double) box.top() / page.height(),
      Math.min(3, height / medianHeight),
      height >= 0.8 * tallest ? 1 : 0,
      letters == 0 ? 0 : (double) upper / letters,
      visible == 0 ? 0 : (double) letters / visible,
      visible == 0 ? 0 : (double) digits / visible,
      LEGAL_FORM.matcher(lower).find() ? 1 : 0,
      HeaderBlock.nameLike(doc, r, s) ? 1 : 0,
      AddressLines.streetOrTown(text) || text.chars().filter(c -> c == ',').count() >= 2 ? 1 : 0,
      AddressLines.contact(text) ? 1 : 0,
      DateParser.find(text, doc.dayOrder()).isPresent()
              || TimeParser.find(text).isPresent()
              || MoneyParser.findAll(text).stream().anyMatch(MoneyParser.Money::explicit)
          ? 1
          : 0,
      HeaderBlock.isTitle(text) ? 1 : 0,
      doc.hitOpening(r, s) != null ? 1 : 0,
      Math.min(words.size(), 10) / 5.0,
      words.stream().mapToDouble(OcrWord::confidence).average().orElse(0),
      1 - Math.min(1, Math.abs(centre - page.width() / 2.0) / (page.width() / 2.0)),
      (double) box.width() / page.width(),
      REGISTRATION.matcher(text).find() ? 1 : 0,
      Math.min(text.length(), 60) / 30.0,
      rulePick ? 1 : 0,
      afterRule ? 1 : 0,
      sentenceLike(text) ? 1 : 0,
      addressFollows(doc, r)
    };
  }

  /** A trailing registration number in parentheses is not part of the name: "ACME (12345-X)". */
  private static final Pattern TRAILING_REGISTRATION =
      Pattern.compile("\\s*[(\\[][^()\\[\\]]*\\d{4,}[^()\\[\\]]*[)\\]]?\\s*$");

  /**
   * A trailing VAT or registration number is not the name, nor the tax word before it ({@code SIA
   * "LUMAHS" PVN LV 43603012558}, the V read as U): six digits or more after a tax word, eight or
   * more without one. A store's number stays ({@code CARL'S JR 1100375}).
   */
  private static final Pattern TRAILING_ID =
      Pattern.compile(
          "(?:(?i:\\s+(?:pvn|pun|vat|gst|tva|btw|ust|mwst)\\.?(?:\\s*(?:no|nr|id|reg)\\.?)*)"
              + "\\s+(?:[A-Z]{1,3}\\s?)?\\d[\\d\\- ]{5,}"
              + "|\\s+(?:[A-Z]{2}\\s?)?\\d{8,})\\s*$");

  /** The double quotes OCR reads for the ones a name is printed in ("SIA „KONGS“", «...»). */
  private static final Pattern DOUBLE_QUOTES = Pattern.compile("[“”„‟″«»]");

  /** A greeting before the shop's name: "Welcome to Yogurtland". */
  private static final Pattern GREETING =
      Pattern.compile(
          "^(?i:welcome\\s+to|willkommen\\s+(?:bei|im)|bienvenue\\s+(?:à|chez))\\s+(?=\\S)");

  static String clean(String text) {
    String t =
        TRAILING_REGISTRATION.matcher(GREETING.matcher(text).replaceFirst("")).replaceFirst("");
    t = TRAILING_ID.matcher(t).replaceFirst("");
    t = Text.trimPunctuation(NameRepair.mend(t));
    if (t.isEmpty()) {
      return Text.trimPunctuation(text);
    }
    return quotes(t);
  }

  /**
   * A name in quotes ({@code SIA "KONGS"}) with its quotes as one kind and balanced: OCR reads
   * typographic quotes variously, a closing one as an apostrophe, or loses it at the line's end.
   */
  static String quotes(String name) {
    String t = DOUBLE_QUOTES.matcher(name).replaceAll("\"");

    int count = (int) t.chars().filter(c -> c == '"').count();
    if (count % 2 == 1) {
      if (t.endsWith("'") || t.endsWith("’")) {
        t = t.substring(0, t.length() - 1) + "\"";
      } else if (t.indexOf('"') < t.length() - 1) {
        t = t + "\"";
      }
    }
    return t;
  }
}
