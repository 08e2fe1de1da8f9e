package dev.docsift.core.extract;

import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrWord;
import dev.docsift.schemas.FieldSpec;
import dev.docsift.schemas.ValueKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The block at the top of the first page that names who issued the document: its most prominent
 * line (the merchant or seller) and the address lines under it.
 *
 * @param nameRow the row of the name
 * @param name the words of the name
 * @param addressRows the rows of the address lines, top to bottom
 * @param address the words of each address line
 */
record HeaderBlock(
    Row nameRow, List<OcrWord> name, List<Row> addressRows, List<List<OcrWord>> address) {
  /** The part of the first page searched for the header, as a fraction of its height. */
  static final double ZONE = 0.4;

  /** Below this mean word confidence a line is taken as unreadable, not as address. */
  private static final double LEGIBLE = 0.4;

  /** How many lines between the name and its address are passed over at most. */
  private static final int SKIPPABLE = 3;

  private static final Set<String> TITLES =
      Set.of(
          "invoice",
          "taxinvoice",
          "receipt",
          "salesreceipt",
          "cashreceipt",
          "bill",
          "statement",
          "quote",
          "quotation",
          "creditnote",
          "order",
          "rechnung",
          "facture",
          "factura",
          "copy",
          "duplicate",
          "original",
          "welcome",
          "thankyou",
          "customercopy",
          "merchantcopy",
          "proforma",
          "proformainvoice",
          "taxreceipt");

  /** Validates and copies. */
  HeaderBlock {
    name = List.copyOf(name);
    addressRows = List.copyOf(addressRows);
    address = List.copyOf(address);
  }

  /** The last row of the block. */
  Row lastRow() {
    return addressRows.isEmpty() ? nameRow : addressRows.get(addressRows.size() - 1);
  }

  /**
   * Finds the header block of the first page.
   *
   * @param doc the document
   * @param zoneEnd rows starting at or below this pixel row of the first page are not searched
   *     (where a {@code Bill To} block or a table begins)
   * @return the block, or empty when no line looks like a name
   */
  static Optional<HeaderBlock> find(Doc doc, int zoneEnd) {
    Optional<HeaderBlock> block =
        HeaderNames.learned()
            ? HeaderNames.best(doc, zoneEnd)
                .map(c -> withAddress(doc, c.row(), c.segment(), c.words()))
            : findByRule(doc, zoneEnd);
    return block.map(b -> NameLines.extend(doc, b));
  }

  /** The hand-written rule: the first name-like segment nearly as tall as the tallest. */
  static Optional<HeaderBlock> findByRule(Doc doc, int zoneEnd) {
    List<Row> rows = doc.layout().rowsOf(doc.layout().firstPage());
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    int limit = Math.min(zoneEnd, (int) (rows.get(0).page().height() * ZONE));
    List<Row> candRows = new ArrayList<>();
    List<Row.Segment> candSegs = new ArrayList<>();
    double maxH = 0;
    for (Row r : rows) {
      if (r.box().top() >= limit && !candRows.isEmpty()) {
        break;
      }
      for (Row.Segment s : r.segments()) {
        if (nameLike(doc, r, s)) {
          candRows.add(r);
          candSegs.add(s);
          maxH = Math.max(maxH, Row.medianHeight(r.words().subList(s.from(), s.to())));
        }
      }
    }
    for (int i = 0; i < candRows.size(); i++) {
      Row r = candRows.get(i);
      Row.Segment s = candSegs.get(i);
      if (Row.medianHeight(r.words().subList(s.from(), s.to())) >= 0.8 * maxH) {
        return Optional.of(withAddress(doc, r, s));
      }
    }
    return Optional.empty();
  }

  private static HeaderBlock withAddress(Doc doc, Row nameRow, Row.Segment nameSeg) {
    return withAddress(
        doc,
        nameRow,
        nameSeg,
        ValueReader.trimEdges(nameRow.words().subList(nameSeg.from(), nameSeg.to())));
  }

  private static HeaderBlock withAddress(
      Doc doc, Row nameRow, Row.Segment nameSeg, List<OcrWord> name) {
    Box col = nameRow.boxOf(nameSeg.from(), nameSeg.to());
    List<Row> rows = new ArrayList<>();
    List<List<OcrWord>> lines = new ArrayList<>();
    Row prev = nameRow;
    int skipped = 0;
    boolean passedOther = false;
    for (int k = 0; k < 5 + SKIPPABLE; k++) {
      Row r = doc.layout().next(prev);
      if (r == null || doc.isTableRow(r) || rows.size() >= 5) {
        break;
      }
      double h = Math.min(prev.height(), r.height());
      if (r.box().top() - prev.box().bottom() > 1.6 * h) {
        break;
      }
      Row.Segment seg = under(r, col);
      boolean contactAfter = false;
      if (seg != null && !lines.isEmpty()) {
        int cut =
            AddressLines.contactStart(
                r.words().subList(seg.from(), seg.to()).stream().map(OcrWord::text).toList());
        if (cut > 0) {
          // The address's last line with the telephone after it: the address is what precedes.
          seg = new Row.Segment(seg.from(), seg.from() + cut);
          contactAfter = true;
        }
      }
      boolean address = seg != null && addressLike(doc, r, seg) && !ItemLines.isSeparator(r);
      String text = seg == null ? "" : r.run(seg.from(), seg.to()).text();
      if (lines.isEmpty() && (!address || AddressLines.notAddress(text))) {
        // Before the address: a registration or tax number, the date, a title ("TAX INVOICE"),
        // a labelled line ("Company Reg. No.: 001055194X"). A few are passed over.
        if (++skipped > SKIPPABLE) {
          break;
        }
        passedOther |= !address; // more than a number: the address must now show its start
        prev = r;
        continue;
      }
      if (lines.isEmpty() && passedOther && !AddressLines.opensAddress(text)) {
        break; // past other lines, only a street's first line begins an address
      }
      if (!address || AddressLines.notAddress(text)) {
        break; // the shop's numbers after its address: "GST ID: 000468594688"
      }
      List<OcrWord> segWords = r.words().subList(seg.from(), seg.to());
      if (segWords.stream().mapToDouble(OcrWord::confidence).average().orElse(0) < LEGIBLE) {
        // A line OCR could not read (a smudged phone number, an ornament) ends the address: what
        // follows it is rather the body than more address.
        break;
      }
      rows.add(r);
      lines.add(ValueReader.trimEdges(segWords));
      prev = r;
      if (AddressLines.usPostal(text) || contactAfter) {
        break; // "Lodi, CA 95240" ends an American address; what follows is the till's
      }
    }
    // Lines without a digit before the line a street begins with are a shop's other names or
    // slogans ("Smoke City Market" / "5242 Van Nuys BLVD").
    int first = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (AddressLines.opensAddress(Candidate.join(lines.get(i)))) {
        boolean wordsOnlyBefore = true;
        for (int j = 0; j < i; j++) {
          wordsOnlyBefore &= Text.countDigits(Candidate.join(lines.get(j))) == 0;
        }
        first = wordsOnlyBefore ? i : 0;
        break;
      }
    }
    return new HeaderBlock(
        nameRow, name, rows.subList(first, rows.size()), lines.subList(first, lines.size()));
  }

  /** The segment of a row under a column, or null. */
  private static Row.Segment under(Row r, Box col) {
    for (Row.Segment s : r.segments()) {
      Box sb = r.boxOf(s.from(), s.to());
      boolean under =
          sb.horizontalOverlap(col) > 0 || Math.abs(sb.left() - col.left()) < 2 * r.height();
      if (under && sb.left() < col.right()) {
        return s;
      }
    }
    return null;
  }

  /** Whether a segment could be the issuer's name. */
  static boolean nameLike(Doc doc, Row r, Row.Segment s) {
    String text = r.run(s.from(), s.to()).text();
    if (Text.countLetters(text) < 2 || Text.countLetters(text) < Text.countDigits(text)) {
      return false;
    }
    if (isTitle(text) || AddressLines.contact(text)) {
      return false;
    }
    if (DateParser.find(text, doc.dayOrder()).isPresent() || TimeParser.find(text).isPresent()) {
      return false;
    }
    if (MoneyParser.findAll(text).stream().anyMatch(MoneyParser.Money::explicit)) {
      return false;
    }
    LabelHit h = doc.hitOpening(r, s);
    return h == null || !labelWithValue(doc, h, s);
  }

  /** Whether a segment can continue an address. */
  static boolean addressLike(Doc doc, Row r, Row.Segment s) {
    String text = r.run(s.from(), s.to()).text();
    if (Text.trimPunctuation(text).isEmpty() || isTitle(text)) {
      return false;
    }
    if (AddressLines.contact(text)) {
      return false;
    }
    if (DateParser.find(text, doc.dayOrder()).isPresent() || TimeParser.find(text).isPresent()) {
      return false;
    }
    if (MoneyParser.findAll(text).stream().anyMatch(MoneyParser.Money::explicit)) {
      return false;
    }
    return doc.hitOpening(r, s) == null;
  }

  /** Whether the label opening a segment is a real label: alone, or followed by its value. */
  private static boolean labelWithValue(Doc doc, LabelHit h, Row.Segment s) {
    if (h.to() >= s.to() || h.builtin()) {
      return true;
    }
    for (FieldSpec f : h.fields()) {
      if (f.kind() == ValueKind.PARTY) {
        return true;
      }
      if (f.kind() == ValueKind.TEXT || f.kind() == ValueKind.NAME) {
        continue;
      }
      List<OcrWord> right = ValueReader.rightOf(h, doc, f.kind());
      var value = ValueReader.parse(f, right, h.row().page(), doc, 1);
      if (value.isPresent()
          && (f.kind() != ValueKind.ID || Text.countDigits(value.get().source()) > 0)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a text is a document title such as INVOICE or RECEIPT. */
  static boolean isTitle(String text) {
    String key = LabelMatcher.key(text);
    return TITLES.contains(key) || key.length() <= 1;
  }
}
