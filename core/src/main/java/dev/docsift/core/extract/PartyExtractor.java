package dev.docsift.core.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrWord;
import dev.docsift.schemas.FieldSpec;
import dev.docsift.schemas.ValueKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads parties (seller, buyer): the block under or beside a label such as {@code Bill To:} — name
 * on its first line, address on the next ones, tax id after a tax-id label inside it — or, for a
 * party of the header region without a label, the header block. Stateless.
 */
final class PartyExtractor {
  /** A VAT identification number: country code, then digits and letters (EU VIES formats). */
  private static final Pattern VAT_ID = Pattern.compile("[A-Z]{2}\\d[0-9A-Z]{1,13}");

  private PartyExtractor() {}

  /**
   * The lines of a party's block.
   *
   * @param label the label that opens it, or null for the header block
   * @param rows the row of each line
   * @param lines the words of each line
   */
  record Block(LabelHit label, List<Row> rows, List<List<OcrWord>> lines) {
    /** Copies. */
    Block {
      rows = List.copyOf(rows);
      lines = List.copyOf(lines);
    }

    /** Whether a word of a row lies in this block. */
    boolean contains(Row row, int wordIndex) {
      OcrWord w = row.words().get(wordIndex);
      for (int i = 0; i < rows.size(); i++) {
        if (rows.get(i) == row && lines.get(i).contains(w)) {
          return true;
        }
      }
      return label != null && label.row() == row && wordIndex >= label.from();
    }
  }

  /**
   * Finds the block a party's label opens: the first label (in reading order) that opens its
   * segment and has at least one line under or beside it.
   *
   * @param party the party field
   * @param doc the document
   * @return the block, or empty
   */
  static Optional<Block> labelledBlock(FieldSpec party, Doc doc) {
    // The most specific label first ("bill to" over "to"), then reading order (the sort is stable).
    List<LabelHit> ordered = new ArrayList<>(doc.hitsFor(party));
    ordered.removeIf(h -> !h.atSegmentStart());
    ordered.sort(Comparator.comparingInt((LabelHit h) -> -h.key().length()));
    for (LabelHit h : ordered) {
      Block b = blockUnder(h, party, doc);
      if (!b.lines().isEmpty()) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  private static Block blockUnder(LabelHit hit, FieldSpec party, Doc doc) {
    List<Row> rows = new ArrayList<>();
    List<List<OcrWord>> lines = new ArrayList<>();
    Row row = hit.row();
    List<OcrWord> right = ValueReader.trimEdges(ValueReader.rightOf(hit, doc, ValueKind.TEXT));
    if (!right.isEmpty()
        && (headsAColumn(doc, row, right.get(0)) || columnsBelow(doc, hit, right.get(0)))) {
      right = List.of(); // "Lieferant      Käufer": two headings side by side, no value
    }
    if (!right.isEmpty()) {
      rows.add(row);
      lines.add(right);
    }
    Box lb = hit.box();
    Row prev = row;
    // Where the values of "Name:   Lieferant GmbH" rows start: a value's second line stands there.
    List<Integer> valueColumns = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      Row r = doc.layout().next(prev);
      if (r == null || doc.isTableRow(r)) {
        break;
      }
      double h = Math.min(prev.height(), r.height());
      double allowed = lines.isEmpty() ? 2.2 * h : 1.6 * h;
      if (r.box().top() - prev.box().bottom() > allowed) {
        break;
      }
      Row.Segment seg = null;
      for (Row.Segment s : r.segments()) {
        Box sb = r.boxOf(s.from(), s.to());
        if (Math.abs(sb.left() - lb.left()) < 3 * h
            || (sb.horizontalOverlap(lb) > 0 && sb.left() > lb.left() - 3 * h)) {
          seg = s;
          break;
        }
      }
      if (seg == null && r.segments().size() == 1) {
        int left = r.box().left();
        if (valueColumns.stream().anyMatch(x -> Math.abs(x - left) < h)) {
          seg = r.segments().get(0);
        }
      }
      if (seg == null && !lines.isEmpty() && r.box().left() > lb.right() + 6 * h) {
        // A row of another column only ("Zählpunkt:" far right): the block goes on below it.
        prev = r;
        continue;
      }
      if (seg == null) {
        break;
      }
      LabelHit opening = doc.hitOpening(r, seg);
      int segIndex = r.segments().indexOf(seg);
      if (opening != null && segIndex + 1 < r.segments().size()) {
        Row.Segment value = r.segments().get(segIndex + 1);
        valueColumns.add(r.boxOf(value.from(), value.to()).left());
      }
      if (opening != null && opening.builtin()) {
        // A line of the block that is none of the party's fields ("Kundennummer: 4711", "Tel"):
        // passed over; the name and address may follow it.
        prev = r;
        continue;
      }
      if (opening != null && !announcesChild(opening, party)) {
        break;
      }
      int end = seg.to();
      if (opening != null && opening.to() >= seg.to()) {
        // "Name:      Lieferant GmbH": a sub-label alone in its column, its value in the next.
        int next = r.segments().indexOf(seg) + 1;
        if (next < r.segments().size()) {
          end = r.segments().get(next).to();
        }
      }
      for (LabelHit other : doc.hits(r)) {
        if (other.heading() && opening != null) {
          continue; // "Name: Lieferant GmbH": a party's word inside a labelled value is the value
        }
        if (other.from() > seg.from() && other.from() < end && !announcesChild(other, party)) {
          end = other.from();
        }
      }
      List<OcrWord> words = ValueReader.trimEdges(r.words().subList(seg.from(), end));
      if (words.isEmpty()) {
        break;
      }
      rows.add(r);
      lines.add(words);
      prev = r;
    }
    return new Block(hit, rows, lines);
  }

  private static boolean announcesChild(LabelHit h, FieldSpec party) {
    return party.children().stream().anyMatch(h::announces);
  }

  /** Whether a line ends a name with a legal form, an association's ("a.G.") too. */
  private static boolean endsName(String line) {
    return HeaderNames.hasLegalForm(line) || NameRepair.hasEndingForm(line);
  }

  /**
   * Whether the words right of a heading head their own column ("Rechnungsempfänger
   * Warenempfänger"): they stand apart from the heading, and the next row holds a line under the
   * heading and another under them. A value beside its label has nothing under the label.
   */
  private static boolean columnsBelow(Doc doc, LabelHit hit, OcrWord first) {
    Row row = hit.row();
    int at = row.words().indexOf(first);
    if (at < 0 || row.segmentOf(at) == row.segmentOf(hit.from())) {
      return false;
    }
    Row next = doc.layout().next(row);
    if (next == null || next.page() != row.page()) {
      return false;
    }
    double h = row.height();
    boolean underLabel = false;
    boolean underRight = false;
    for (Row.Segment s : next.segments()) {
      int left = next.words().get(s.from()).box().left();
      underLabel |= Math.abs(left - hit.box().left()) < 2 * h;
      underRight |= Math.abs(left - first.box().left()) < 2 * h;
    }
    return underLabel && underRight;
  }

  /** Whether a word opens a party's heading that starts a segment of its row. */
  private static boolean headsAColumn(Doc doc, Row row, OcrWord first) {
    for (LabelHit h : doc.hits(row)) {
      if (h.heading()
          && h.atSegmentStart()
          && row.words().get(h.from()) == first
          && h.to() >= row.segmentOf(h.from()).to()) {
        return true; // the heading fills its segment
      }
    }
    return false;
  }

  /**
   * Reads a party's children from its block.
   *
   * @param party the party field
   * @param block its block
   * @param doc the document
   * @return the values by child, in the children's order
   */
  static Map<FieldSpec, Candidate> read(FieldSpec party, Block block, Doc doc) {
    Map<FieldSpec, Candidate> out = new LinkedHashMap<>();
    double quality = block.label() == null ? 1 : block.label().quality();
    List<Integer> plain = new ArrayList<>();
    for (int i = 0; i < block.lines().size(); i++) {
      Row r = block.rows().get(i);
      List<OcrWord> line = block.lines().get(i);
      boolean labelled = false;
      for (LabelHit h : doc.hits(r)) {
        if (announcesChild(h, party) && line.contains(r.words().get(h.from()))) {
          labelled = true;
          for (FieldSpec child : party.children()) {
            if (h.announces(child)) {
              ValueReader.near(h, child, doc)
                  .filter(c -> replaces(out.get(child), c))
                  .ifPresent(c -> out.put(child, c));
            }
          }
        }
      }
      if (!labelled) {
        plain.add(i);
      }
    }
    FieldSpec nameField = childOfKind(party, ValueKind.NAME);
    FieldSpec addressField = childOfKind(party, ValueKind.ADDRESS);
    // Numbers and contact lines are neither name nor address ("GLN 4304171000002", "Tel ..."),
    // nor is a line a labelled value took already (a name's first line above its label).
    List<OcrWord> taken = new ArrayList<>();
    out.values().forEach(c -> taken.addAll(c.words()));
    plain =
        plain.stream()
            .filter(i -> !AddressLines.notAddress(Candidate.join(block.lines().get(i))))
            .filter(i -> block.lines().get(i).stream().noneMatch(w -> taken.contains(w)))
            .toList();
    if (nameField != null && !plain.isEmpty() && !out.containsKey(nameField)) {
      List<OcrWord> words = new ArrayList<>(block.lines().get(plain.get(0)));
      if (plain.size() > 1 && plain.get(1) == plain.get(0) + 1) {
        List<OcrWord> next = block.lines().get(plain.get(1));
        String nextText = Candidate.join(next);
        if (!endsName(Candidate.join(words))
            && endsName(nextText)
            && Text.countDigits(nextText) == 0) {
          // "MVM Musterhafter" / "Versicherungsverein Musterstadt a.G.": the form ends the name.
          words.addAll(next);
          plain = plain.subList(1, plain.size());
        }
      }
      String text = Text.trimPunctuation(Candidate.join(words));
      ValueReader.json(nameField, text, null)
          .ifPresent(
              v -> out.put(nameField, Candidate.of(v, words, block.rows().get(0).page(), quality)));
      plain = plain.subList(1, plain.size());
    }
    if (addressField != null && !out.containsKey(addressField)) {
      List<OcrWord> words = new ArrayList<>();
      List<String> parts = new ArrayList<>();
      for (int i : plain) {
        List<OcrWord> line = block.lines().get(i);
        String text = Candidate.join(line);
        if (Text.trimPunctuation(text).isEmpty()) {
          continue;
        }
        parts.add(text);
        words.addAll(line);
        if (AddressLines.postal(text)) {
          break; // the country or the party's numbers follow
        }
      }
      if (!parts.isEmpty()) {
        Optional<JsonNode> v =
            ValueReader.json(addressField, AddressLines.join(parts, doc.plainAddress()), null);
        v.ifPresent(
            x ->
                out.put(addressField, Candidate.of(x, words, block.rows().get(0).page(), quality)));
      }
    }
    return out;
  }

  /**
   * Reads the labelled children of a header party that are not in its block (a seller's tax id in
   * the header region or the footer), skipping labels inside other parties' blocks.
   *
   * @param party the party
   * @param doc the document
   * @param others the blocks of the other parties
   * @param have the children already read; filled in
   */
  static void readLoose(
      FieldSpec party, Doc doc, List<Block> others, Map<FieldSpec, Candidate> have) {
    Map<FieldSpec, Boolean> done = new IdentityHashMap<>();
    have.keySet().forEach(k -> done.put(k, true));
    for (FieldSpec child : party.children()) {
      boolean settled =
          done.containsKey(child) && (child.kind() != ValueKind.ID || vatId(have.get(child)));
      if (settled || child.kind() == ValueKind.NAME || child.kind() == ValueKind.ADDRESS) {
        continue;
      }
      for (LabelHit h : doc.hitsFor(child)) {
        boolean elsewhere = others.stream().anyMatch(b -> b.contains(h.row(), h.from()));
        if (elsewhere) {
          continue;
        }
        Optional<Candidate> c = ValueReader.near(h, child, doc);
        if (c.isPresent() && replaces(have.get(child), c.get())) {
          have.put(child, c.get());
          if (vatId(c.get())) {
            break;
          }
        }
      }
    }
  }

  /**
   * Whether a value read for a child takes the place of the one read before: the first one found
   * stays, except that a VAT id ("DE123456789") beats a national tax number ("201/113/40209"), as
   * the VAT id is the one an invoice's parties are known by across borders.
   */
  private static boolean replaces(Candidate before, Candidate now) {
    return before == null || (vatId(now) && !vatId(before));
  }

  private static boolean vatId(Candidate c) {
    String id = c.value().asText().replaceAll("[\\s.\\-]", "");
    return VAT_ID.matcher(id).matches();
  }

  /** The first child of a kind, or for names a child called "name"; null when none. */
  static FieldSpec childOfKind(FieldSpec party, ValueKind kind) {
    for (FieldSpec c : party.children()) {
      if (c.kind() == kind) {
        return c;
      }
    }
    String wanted = kind == ValueKind.NAME ? "name" : kind == ValueKind.ADDRESS ? "address" : "";
    for (FieldSpec c : party.children()) {
      if (c.name().equals(wanted)) {
        return c;
      }
    }
    return null;
  }
}
