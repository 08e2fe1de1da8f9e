package dev.docsift.core.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.schemas.FieldSpec;
import dev.docsift.schemas.ValueKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the value a label announces: on its right on the same row (which may have been two OCR
 * lines), else on the row below in the same column; and parses words into the JSON value a field
 * holds. Stateless.
 */
final class ValueReader {
  /** Confidence factor for a value found below its label rather than beside it. */
  static final double BELOW = 0.9;

  private static final Set<String> ID_FILLERS = Set.of("no", "nr", "number", "num", "nbr", "id");

  private ValueReader() {}

  /**
   * Finds the value of a field next to one of its labels.
   *
   * @param hit the label
   * @param field the field
   * @param doc the document
   * @return the value, its confidence scaled by the label's quality and where it was found
   */
  static Optional<Candidate> near(LabelHit hit, FieldSpec field, Doc doc) {
    Row row = hit.row();
    List<OcrWord> right = rightOf(hit, doc, field.kind());
    if (!right.isEmpty()) {
      Optional<Candidate> c = parse(field, right, row.page(), doc, hit.quality());
      if (c.isPresent()) {
        return switch (field.kind()) {
          case ADDRESS -> c.map(x -> continueAddress(x, row, doc));
          case NAME -> c.map(x -> withWrappedStart(x, hit, doc));
          default -> c;
        };
      }
    }
    Box lb = hit.box();
    double h = row.height();
    Row prev = row;
    for (int k = 0; k < 2; k++) {
      Row r = doc.layout().next(prev);
      if (r == null || r.box().top() - row.box().bottom() > 2.2 * Math.max(h, r.height())) {
        break;
      }
      Row.Segment seg = segmentUnder(r, lb, h);
      if (seg != null) {
        if (doc.hitOpening(r, seg) != null) {
          break;
        }
        int end = Math.min(seg.to(), doc.nextHitStart(r, seg.from()));
        List<OcrWord> words = r.words().subList(seg.from(), end);
        Optional<Candidate> c = parse(field, words, r.page(), doc, hit.quality() * BELOW);
        if (c.isPresent()) {
          return field.kind() == ValueKind.ADDRESS ? c.map(x -> continueAddress(x, r, doc)) : c;
        }
        break;
      }
      prev = r;
    }
    return Optional.empty();
  }

  /** The segment of a row under a label's box, or null. */
  static Row.Segment segmentUnder(Row r, Box lb, double h) {
    for (Row.Segment s : r.segments()) {
      Box sb = r.boxOf(s.from(), s.to());
      boolean overlaps = sb.right() > lb.left() - h && sb.left() < lb.right() + 2 * h;
      if (overlaps && sb.left() > lb.left() - 4 * h) {
        return s;
      }
    }
    return null;
  }

  /**
   * The words right of a label on its row: up to the next label, within the rest of the label's
   * segment and the segment after it; for text kinds, within the first of them that is not empty.
   */
  static List<OcrWord> rightOf(LabelHit hit, Doc doc, ValueKind kind) {
    Row row = hit.row();
    int end = doc.nextHitStart(row, hit.to());
    List<Row.Segment> segs = row.segments();
    int labelSeg = segs.indexOf(row.segmentOf(hit.to() - 1));
    boolean textual = isTextual(kind);
    List<OcrWord> out = new ArrayList<>();
    int firstSeg = -1;
    for (int i = hit.to(); i < end; i++) {
      OcrWord w = row.words().get(i);
      int si = segs.indexOf(row.segmentOf(i));
      if (out.isEmpty() && isPunctuation(w.text())) {
        continue;
      }
      if (firstSeg < 0) {
        firstSeg = si;
      }
      if (si > labelSeg + 1 || (textual && si != firstSeg)) {
        break;
      }
      out.add(w);
    }
    return out;
  }

  private static boolean isTextual(ValueKind kind) {
    return switch (kind) {
      case TEXT, NAME, ADDRESS, ID, GROUP, PARTY, TABLE -> true;
      default -> false;
    };
  }

  private static boolean isPunctuation(String text) {
    return text.chars().noneMatch(Character::isLetterOrDigit);
  }

  /**
   * Parses words into a field's value.
   *
   * @param field the field
   * @param words the words that may hold it, left to right
   * @param page their page
   * @param doc the document (for the order of day and month)
   * @param factor the confidence penalty so far
   * @return the value with the words it came from, or empty when they hold none of its kind
   */
  static Optional<Candidate> parse(
      FieldSpec field, List<OcrWord> words, OcrPage page, Doc doc, double factor) {
    if (words.isEmpty()) {
      return Optional.empty();
    }
    WordRun run = WordRun.of(words);
    switch (field.kind()) {
      case MONEY -> {
        for (MoneyParser.Money m : MoneyParser.findAll(run.text())) {
          if (m.explicit()) {
            return json(field, m.text(), m.amount())
                .map(v -> Candidate.of(v, run.wordsBetween(m.start(), m.end()), page, factor));
          }
        }
        return Optional.empty();
      }
      case DATE -> {
        return DateParser.find(run.text(), doc.dayOrder())
            .or(() -> DateParser.findMended(run.text(), doc.dayOrder()))
            .flatMap(
                d ->
                    json(field, d.iso(), null)
                        .map(
                            v ->
                                Candidate.of(
                                    v,
                                    run.wordsBetween(d.start(), d.end()),
                                    page,
                                    factor * (d.ambiguous() && !doc.dayOrderKnown() ? 0.75 : 1))));
      }
      case TIME -> {
        return TimeParser.find(run.text())
            .flatMap(
                t ->
                    json(field, t.value(), null)
                        .map(
                            v ->
                                Candidate.of(
                                    v, run.wordsBetween(t.start(), t.end()), page, factor)));
      }
      case NUMBER -> {
        for (OcrWord w : words) {
          Optional<BigDecimal> n = NumberParser.parse(w.text());
          if (n.isEmpty()) {
            n = MoneyParser.parse(w.text());
          }
          if (n.isPresent()) {
            Optional<JsonNode> v = json(field, n.get().toPlainString(), n.get());
            if (v.isPresent()) {
              return Optional.of(Candidate.of(v.get(), List.of(w), page, factor));
            }
          }
        }
        return Optional.empty();
      }
      case CURRENCY -> {
        for (OcrWord w : words) {
          Optional<String> code = CurrencyDetector.codeOf(w.text());
          if (code.isPresent()) {
            return json(field, code.get(), null)
                .map(v -> Candidate.of(v, List.of(w), page, factor));
          }
        }
        return Optional.empty();
      }
      case ID -> {
        return readId(field, words, page, factor);
      }
      default -> {
        List<OcrWord> kept = trimEdges(words);
        String text = Text.trimPunctuation(Candidate.join(kept));
        if (kept.isEmpty() || text.chars().noneMatch(Character::isLetterOrDigit)) {
          return Optional.empty();
        }
        return json(field, text, null).map(v -> Candidate.of(v, kept, page, factor));
      }
    }
  }

  private static Optional<Candidate> readId(
      FieldSpec field, List<OcrWord> words, OcrPage page, double factor) {
    for (int i = 0; i < words.size(); i++) {
      OcrWord w = words.get(i);
      String key = Text.labelKey(w.text());
      boolean filler = key.isEmpty() && Text.countDigits(w.text()) == 0;
      filler |= ID_FILLERS.contains(key) && i + 1 < words.size();
      if (filler) {
        continue;
      }
      String id = Text.trimPunctuation(w.text());
      if (id.startsWith("#") && id.length() > 1) {
        id = id.substring(1);
      }
      if (id.isEmpty()) {
        continue;
      }
      double f = Text.countDigits(id) > 0 ? factor : factor * 0.7;
      String value = id;
      return json(field, value, null).map(v -> Candidate.of(v, List.of(w), page, f));
    }
    return Optional.empty();
  }

  /** Drops words of punctuation alone at both ends. */
  static List<OcrWord> trimEdges(List<OcrWord> words) {
    int s = 0;
    int e = words.size();
    while (s < e && isPunctuation(words.get(s).text())) {
      s++;
    }
    while (e > s && isPunctuation(words.get(e - 1).text())) {
      e--;
    }
    return words.subList(s, e);
  }

  /**
   * Extends an address read beside or under its label with the lines below it in the same column,
   * up to a gap, a label or four lines.
   */
  private static Candidate continueAddress(Candidate first, Row row, Doc doc) {
    List<OcrWord> words = new ArrayList<>(first.words());
    List<String> lines = new ArrayList<>(List.of(first.value().asText()));
    boolean postal = AddressLines.postal(lines.get(0));
    Box col = first.box();
    Row prev = row;
    for (int k = 0; k < 4 && !postal; k++) {
      Row r = doc.layout().next(prev);
      if (r == null
          // A form's value column spaces its lines wider than a printed address block does.
          || r.box().top() - prev.box().bottom() > 2.0 * Math.max(prev.height(), r.height())) {
        break;
      }
      Row.Segment seg = null;
      for (Row.Segment s : r.segments()) {
        Box sb = r.boxOf(s.from(), s.to());
        if (Math.abs(sb.left() - col.left()) < 2 * r.height()) {
          seg = s;
        }
      }
      if (seg == null || doc.hitOpening(r, seg) != null || labelledLeftOf(r, seg, doc)) {
        break;
      }
      List<OcrWord> ws = trimEdges(r.words().subList(seg.from(), seg.to()));
      String text = Candidate.join(ws);
      if (ws.isEmpty() || Text.trimPunctuation(text).isEmpty() || AddressLines.notAddress(text)) {
        break;
      }
      postal = AddressLines.postal(text);
      lines.add(text);
      words.addAll(ws);
      prev = r;
    }
    return first.extended(AddressLines.join(lines, doc.plainAddress()), words);
  }

  /**
   * A name right of its label whose first line stands on the row above, set closer to it than rows
   * are to each other: a form centres the label on a value of two lines ("MVM Musterhafter" above
   * "Name: Versicherungsverein Musterstadt a.G.", "Herrn" above "Name: Max Mustermann").
   */
  private static Candidate withWrappedStart(Candidate value, LabelHit hit, Doc doc) {
    Row row = hit.row();
    Row above = doc.layout().previous(row);
    if (above == null
        || above.segments().size() != 1
        || !doc.hits(above).isEmpty()
        || row.box().top() - above.box().bottom() > 0.6 * Math.min(row.height(), above.height())) {
      return value;
    }
    Box first = value.box();
    Box start = above.box();
    if (Math.abs(start.left() - first.left()) > row.height() || start.left() <= hit.box().right()) {
      return value;
    }
    List<OcrWord> words = new ArrayList<>(above.words());
    words.addAll(value.words());
    String text =
        Text.trimPunctuation(Candidate.join(above.words())) + " " + value.value().asText();
    return value.extended(text, words);
  }

  /** Whether a segment of the row left of {@code seg} opens with a label: the value is its own. */
  private static boolean labelledLeftOf(Row r, Row.Segment seg, Doc doc) {
    for (Row.Segment s : r.segments()) {
      if (s.from() >= seg.from()) {
        return false;
      }
      if (doc.hitOpening(r, s) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Writes a value as the JSON type the field takes: numbers for {@code number}/{@code integer}
   * fields, strings otherwise.
   *
   * @param field the field
   * @param text the normalised text
   * @param number the value as a number, or null to parse {@code text}
   * @return the JSON value, or empty when the field cannot hold it
   */
  static Optional<JsonNode> json(FieldSpec field, String text, BigDecimal number) {
    if (field.numeric()) {
      BigDecimal n = number != null ? number : NumberParser.parse(text).orElse(null);
      if (n == null) {
        return Optional.empty();
      }
      if (field.integer()
          || (!field.types().contains("number") && field.types().contains("integer"))) {
        try {
          return Optional.of(LongNode.valueOf(n.stripTrailingZeros().longValueExact()));
        } catch (ArithmeticException e) {
          return Optional.empty();
        }
      }
      BigDecimal plain = n.stripTrailingZeros();
      if (plain.scale() <= 0) {
        try {
          return Optional.of(LongNode.valueOf(plain.longValueExact()));
        } catch (ArithmeticException e) {
          return Optional.of(DecimalNode.valueOf(n));
        }
      }
      return Optional.of(DecimalNode.valueOf(plain));
    }
    if (field.types().contains("string")) {
      return Optional.of(TextNode.valueOf(text));
    }
    return Optional.empty();
  }

  /** Lower-cased text with letters only, for comparing short words. */
  static String letters(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}]", "");
  }
}
