package dev.docsift.core.extract;

import dev.docsift.core.extract.LineItemExtractor.Roles;
import dev.docsift.core.model.OcrWord;
import dev.docsift.schemas.FieldSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the header of an item table and its columns. The header may take several lines ({@code
 * Menge} over {@code einheit}, {@code Positions-} over {@code betrag}); every word run of it makes
 * or widens a column, and the columns the schema has no field for ({@code Pos}, {@code Art.-Nr.},
 * {@code USt. %}) are kept too, so what is printed under them goes nowhere else.
 */
final class TableHeader {
  /** Header lines at most this many row heights apart belong to one header. */
  private static final double HEADER_LINE_GAP = 1.0;

  /** Words of one header label closer than this many heights are one column ("Prix HT"). */
  private static final double PHRASE_GAP = 1.0;

  private final Doc doc;
  private final LabelMatcher matcher;
  private final Roles roles;
  private final Map<Row, Optional<Header>> found = new IdentityHashMap<>();

  /**
   * A finder for one table field's header.
   *
   * @param table the table field
   * @param doc the document
   */
  TableHeader(FieldSpec table, Doc doc) {
    this.doc = doc;
    this.matcher = LabelMatcher.of(table.children(), false);
    this.roles = Roles.of(table);
  }

  /**
   * A column: the item field it holds, or null for one the schema has no field for, and its
   * x-range.
   */
  record Column(FieldSpec field, int left, int right) {
    Column widen(int l, int r, FieldSpec f) {
      return new Column(field == null ? f : field, Math.min(left, l), Math.max(right, r));
    }
  }

  /**
   * A table's header.
   *
   * @param rows its lines, top to bottom
   * @param columns its columns, left to right
   */
  record Header(List<Row> rows, List<Column> columns) {
    /** Copies. */
    Header {
      rows = List.copyOf(rows);
      columns = List.copyOf(columns);
    }

    /** Whether the header names only the description and the amount column. */
    boolean onlyTextAndAmount(Roles roles) {
      List<FieldSpec> named =
          columns.stream().map(Column::field).filter(f -> f != null).distinct().toList();
      return named.size() == 2
          && named.stream().allMatch(f -> f == roles.text() || f == roles.amount());
    }
  }

  /** A header word run: its words' x-range and the field its label names, if any. */
  private record Seed(FieldSpec field, int left, int right) {}

  /**
   * The header whose main line is this row, if it is one: a line of labels naming at least two item
   * fields, with the header lines just above and below it.
   *
   * @param r a row
   * @return the header, or empty
   */
  Optional<Header> find(Row r) {
    // The table's readers ask of every row more than once (the header rows marked first, then the
    // table read, a repeated header looked for on every page): each row is looked at once.
    return found.computeIfAbsent(r, this::detect);
  }

  private Optional<Header> detect(Row r) {
    List<LabelHit> hits = matcher.hits(r);
    if (hits.isEmpty() || hasMoney(r) || !labelLine(r, hits)) {
      return Optional.empty();
    }
    List<Row> band = new ArrayList<>(List.of(r));
    List<Seed> main = seeds(r);
    Row x = r;
    for (int k = 0; k < 2; k++) {
      Row p = doc.layout().previous(x);
      if (p == null || p.page() != r.page() || !close(p, x) || !headerLine(p, main)) {
        break;
      }
      band.add(0, p);
      x = p;
    }
    x = r;
    for (int k = 0; k < 3; k++) {
      Row n = doc.layout().next(x);
      if (n == null || n.page() != r.page() || !close(x, n) || !headerLine(n, main)) {
        break;
      }
      band.add(n);
      x = n;
    }
    List<Column> cols = columns(r, band);
    long named = cols.stream().map(Column::field).filter(f -> f != null).distinct().count();
    if (named < 2) {
      return Optional.empty();
    }
    resolve(cols);
    if (roles.text() != null && cols.stream().noneMatch(c -> c.field() == roles.text())) {
      // No description heading: the description is what stands left of the first column.
      cols.add(0, new Column(roles.text(), 0, Math.max(0, cols.get(0).left() - 1)));
    }
    return Optional.of(new Header(band, cols));
  }

  /**
   * Gives each field one column where the labels named one twice: two side by side are one column;
   * of two price columns with no amount column ({@code Prix unitaire | Prix HT}) the right one is
   * the amount; of two amount columns with no quantity column ({@code Amount | Product | Price |
   * Total}) the left one is the quantity; otherwise the first column keeps the field, the amount's
   * last.
   */
  private void resolve(List<Column> cols) {
    for (int c = 0; c + 1 < cols.size(); c++) {
      Column a = cols.get(c);
      Column b = cols.get(c + 1);
      if (a.field() != null && a.field() == roles.text() && b.field() == roles.text()) {
        // "Item Description": two labels of one field side by side head one column.
        cols.set(c, a.widen(b.left(), b.right(), null));
        cols.remove(c + 1);
        c--;
      }
    }
    if (!has(cols, roles.amount()) && roles.amount() != null) {
      rename(cols, roles.unitPrice(), roles.amount(), true);
    }
    if (!has(cols, roles.quantity()) && roles.quantity() != null) {
      rename(cols, roles.amount(), roles.quantity(), false);
    }
    for (int c = 0; c < cols.size(); c++) {
      FieldSpec f = cols.get(c).field();
      if (f == null) {
        continue;
      }
      for (int d = c + 1; d < cols.size(); d++) {
        if (cols.get(d).field() == f) {
          int drop = f == roles.amount() ? c : d;
          cols.set(drop, new Column(null, cols.get(drop).left(), cols.get(drop).right()));
        }
      }
    }
  }

  private static boolean has(List<Column> cols, FieldSpec f) {
    return cols.stream().anyMatch(c -> c.field() != null && c.field() == f);
  }

  /** Where {@code from} has two columns or more, gives its last (or first) one to {@code to}. */
  private static void rename(List<Column> cols, FieldSpec from, FieldSpec to, boolean last) {
    List<Integer> at = new ArrayList<>();
    for (int c = 0; c < cols.size(); c++) {
      if (from != null && cols.get(c).field() == from) {
        at.add(c);
      }
    }
    if (at.size() > 1) {
      int c = last ? at.get(at.size() - 1) : at.get(0);
      cols.set(c, new Column(to, cols.get(c).left(), cols.get(c).right()));
    }
  }

  /** Whether a row is mostly labels: a line of prose that mentions two of them is not. */
  private static boolean labelLine(Row r, List<LabelHit> hits) {
    int labelWords = 0;
    for (LabelHit h : hits) {
      labelWords += h.to() - h.from();
    }
    int words = r.words().size();
    return labelWords * 2 >= words || (headerLine(r) && labelWords * 3 >= words);
  }

  /** Whether a row could be a header's line: short runs of words, no number. */
  static boolean headerLine(Row r) {
    if (r.words().size() > 12 || r.text().chars().anyMatch(Character::isDigit)) {
      return false;
    }
    return r.segments().stream().allMatch(s -> s.to() - s.from() <= 4);
  }

  /**
   * Whether a row next to a header's main line is another line of it: a header line with a label,
   * or one whose words all stand under headings other than the description's ({@code betrag} under
   * {@code Positions-}); a first item's description under {@code Item} is none.
   */
  private boolean headerLine(Row r, List<Seed> main) {
    if (!headerLine(r)) {
      return false;
    }
    if (!matcher.hits(r).isEmpty()) {
      return true;
    }
    for (OcrWord w : r.words()) {
      boolean under =
          main.stream()
              .anyMatch(
                  s ->
                      (s.field() == null || s.field() != roles.text())
                          && w.box().left() < s.right()
                          && s.left() < w.box().right());
      if (!under) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasMoney(Row r) {
    return MoneyParser.findAll(r.text()).stream().anyMatch(MoneyParser.Money::explicit);
  }

  private static boolean close(Row upper, Row lower) {
    double h = Math.max(upper.height(), lower.height());
    return lower.box().top() - upper.box().bottom() <= HEADER_LINE_GAP * h;
  }

  /**
   * The columns of a header: the main line's word runs, widened by the runs of the other lines that
   * overlap one of them; a run over two columns ("Preise" over "Einzel | Gesamt") heads a group and
   * makes none.
   */
  private List<Column> columns(Row main, List<Row> band) {
    List<Column> cols = new ArrayList<>();
    for (Seed s : seeds(main)) {
      cols.add(new Column(s.field(), s.left(), s.right()));
    }
    List<Row> others = new ArrayList<>(band);
    others.remove(main);
    others.sort(Comparator.comparingInt(o -> Math.abs(band.indexOf(o) - band.indexOf(main))));
    for (Row o : others) {
      List<Column> next = new ArrayList<>(cols);
      for (Seed s : seeds(o)) {
        List<Integer> over = new ArrayList<>();
        for (int c = 0; c < cols.size(); c++) {
          if (s.left() < cols.get(c).right() && cols.get(c).left() < s.right()) {
            over.add(c);
          }
        }
        if (over.isEmpty()) {
          next.add(new Column(s.field(), s.left(), s.right()));
        } else if (over.size() == 1) {
          int c = over.get(0);
          next.set(c, next.get(c).widen(s.left(), s.right(), s.field()));
        }
      }
      cols = next;
    }
    cols.sort(Comparator.comparingInt(Column::left));
    return cols;
  }

  /** A header line's runs: each label, and the other words, joined where they stand close. */
  private List<Seed> seeds(Row r) {
    Map<Integer, LabelHit> starts = new LinkedHashMap<>();
    for (LabelHit h : matcher.hits(r)) {
      starts.put(h.from(), h);
    }
    List<Seed> out = new ArrayList<>();
    List<OcrWord> ws = r.words();
    double gap = PHRASE_GAP * r.height();
    int i = 0;
    while (i < ws.size()) {
      LabelHit h = starts.get(i);
      int to = h == null ? i + 1 : h.to();
      int left = ws.get(i).box().left();
      int right = ws.get(to - 1).box().right();
      FieldSpec f = h == null ? null : h.fields().get(0);
      Seed last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (h == null && last != null && left - last.right() < gap) {
        out.set(out.size() - 1, new Seed(last.field(), last.left(), right));
      } else {
        out.add(new Seed(f, left, right));
      }
      i = to;
    }
    return out;
  }
}
