package dev.docsift.core.extract;

import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrWord;
import java.util.ArrayList;
import java.util.List;

/**
 * A name printed over two lines: {@code POPULAR BOOK} / {@code CO. (M) SDN BHD}, {@code ALBERTOS} /
 * {@code MEXICAN FOOD}. The line picked as the name takes the line above or below it when that line
 * sits right against it in the same type, and reads as part of a name, not as an address, number or
 * slogan.
 *
 * <p>Either the other line carries the legal form the picked one lacks ({@code WESTERN EASTERN} /
 * {@code STATIONERY SDN BHD}), or the two are printed in one size and the picked one has no legal
 * form that would end the name.
 */
final class NameLines {
  /** The most space between the two lines, in line heights. */
  private static final double GAP = 0.5;

  /** Lines of one type: the smaller at least this share of the larger. */
  private static final double SAME_TYPE = 0.85;

  /** Lines of about one type, where a legal form says the name goes on. */
  private static final double NEAR_TYPE = 0.7;

  private NameLines() {}

  /**
   * The block with its name over two lines where the lines say so.
   *
   * @param doc the document
   * @param block the block as found
   * @return the block, its name extended and the line it took out of the address, or as it was
   */
  static HeaderBlock extend(Doc doc, HeaderBlock block) {
    if (block.name().isEmpty()) {
      return block;
    }
    Row row = block.nameRow();
    List<OcrWord> name = block.name();
    boolean legal = HeaderNames.hasLegalForm(Candidate.join(name));
    Row below = doc.layout().next(row);
    List<OcrWord> under = continuation(doc, row, name, below);
    if (under != null) {
      boolean carriesForm = !legal && HeaderNames.hasLegalForm(Candidate.join(under));
      boolean plain = Text.countDigits(Candidate.join(name)) == 0; // not "Store #1291"
      if (carriesForm || (!legal && plain && sameType(name, under, SAME_TYPE))) {
        List<OcrWord> all = new ArrayList<>(name);
        all.addAll(under);
        List<Row> rows = new ArrayList<>(block.addressRows());
        List<List<OcrWord>> lines = new ArrayList<>(block.address());
        if (!rows.isEmpty() && rows.get(0) == below) {
          rows.remove(0);
          lines.remove(0);
        }
        return new HeaderBlock(row, all, rows, lines);
      }
    }
    Row above = doc.layout().previous(row);
    List<OcrWord> over = continuation(doc, row, name, above);
    if (over != null
        && NameRepair.endsInFragment(Candidate.join(name))
        && !HeaderNames.hasLegalForm(Candidate.join(over))) {
      // "C0. (M) SDN BHD" under "POPULAR BOOK": the form ends a name begun on the line above.
      List<OcrWord> all = new ArrayList<>(over);
      all.addAll(name);
      return new HeaderBlock(above, all, block.addressRows(), block.address());
    }
    return block;
  }

  /**
   * The words of a line that could go on with a name: one segment against the name's line, in about
   * its type, with letters and no numbers outside brackets, no address, contact or label.
   */
  private static List<OcrWord> continuation(Doc doc, Row row, List<OcrWord> name, Row other) {
    if (other == null || other.page() != row.page() || other.segments().size() != 1) {
      return null;
    }
    Row upper = other.box().top() < row.box().top() ? other : row;
    Row lower = upper == other ? row : other;
    double h = Math.min(upper.height(), lower.height());
    if (lower.box().top() - upper.box().bottom() > GAP * h) {
      return null;
    }
    Row.Segment seg = other.segments().get(0);
    List<OcrWord> words = ValueReader.trimEdges(other.words().subList(seg.from(), seg.to()));
    if (words.isEmpty() || !sameType(name, words, NEAR_TYPE)) {
      return null;
    }
    Box nameBox = span(name);
    Box box = span(words);
    if (box.horizontalOverlap(nameBox) <= 0) {
      return null;
    }
    String text = Candidate.join(words);
    String outsideBrackets = text.replaceAll("\\([^)]*\\)", "");
    if (Text.countLetters(text) < 3
        || text.contains(",")
        || Candidate.join(name).contains(",")
        || HeaderNames.sentenceLike(text)
        || Text.countDigits(outsideBrackets) > 0
        || text.matches(".*\\d{4,}.*")
        || AddressLines.streetOrTown(text)
        || AddressLines.contact(text)
        || !HeaderBlock.nameLike(doc, other, seg)
        || doc.hitOpening(other, seg) != null) {
      return null;
    }
    return words;
  }

  private static Box span(List<OcrWord> words) {
    Box b = words.get(0).box();
    for (OcrWord w : words) {
      b = b.union(w.box());
    }
    return b;
  }

  private static boolean sameType(List<OcrWord> a, List<OcrWord> b, double share) {
    double ha = Row.medianHeight(a);
    double hb = Row.medianHeight(b);
    return Math.min(ha, hb) >= share * Math.max(ha, hb);
  }
}
