package dev.docsift.core.extract;

import dev.docsift.core.extract.LineItemExtractor.Roles;
import dev.docsift.core.model.OcrWord;
import dev.docsift.schemas.FieldSpec;
import dev.docsift.schemas.ValueKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads line items from a grid under a header row, as invoices print them.
 *
 * <ul>
 *   <li>The header may take several lines ({@code Menge} over {@code einheit}, {@code Positions-}
 *       over {@code betrag}); every word of it makes or widens a column, and the columns the schema
 *       has no field for ({@code Pos}, {@code Art.-Nr.}, {@code USt. %}) are kept too, so what is
 *       printed under them goes nowhere else.
 *   <li>A row's words go to the column their box overlaps most.
 *   <li>An item may take several rows: its amount a line below its price, its description wrapped
 *       over lines. A new item starts where a row brings a value its item already has, or a
 *       position number; notes under an item ({@code Bruttopreis : 9,90}) are neither.
 *   <li>The table ends at a summary line ({@code Summe}), at another table's header, or at text
 *       after a wide gap; it may go on over the next pages, under a repeated header or from the
 *       first item row.
 * </ul>
 */
final class ItemTable {
  /** Header lines at most this many row heights apart belong to one header. */
  private static final double HEADER_LINE_GAP = 1.0;

  /** A gap of more than this many row heights may end the table. */
  private static final double WIDE_GAP = 3.5;

  /** Words of one header label closer than this many heights are one column ("Prix HT"). */
  private static final double PHRASE_GAP = 1.0;

  /** "Bruttopreis : 9,90", "Verpackung : Flasche": a note under an item, no value of it. */
  private static final Pattern NOTE = Pattern.compile("^\\p{L}[\\p{L}\\d.\\-/ ]{0,40}?\\s?:");

  /** A note may follow its item's position number ("2 Inklusiv-Kilometer waren: 873"). */
  private static final Pattern LEADING_POSITION = Pattern.compile("^\\d{1,3}\\.?\\s+");

  /** A position number: the row's first word, a small whole number. */
  private static final Pattern POSITION = Pattern.compile("\\d{1,3}\\.?");

  private final Doc doc;
  private final LabelMatcher matcher;
  private final Roles roles;

  /**
   * A reader for one table field.
   *
   * @param table the table field
   * @param doc the document
   */
  ItemTable(FieldSpec table, Doc doc) {
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
  Optional<Header> header(Row r) {
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
  private static boolean headerLine(Row r) {
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

  /** An item being read: its values so far and its rows. */
  private final class Item {
    final Map<FieldSpec, Candidate> numbers = new LinkedHashMap<>();
    final List<OcrWord> text = new ArrayList<>();
    final List<OcrWord> quantityWords = new ArrayList<>();

    /** After a note, the item's description is complete: what follows is a remark. */
    boolean closed;

    final List<Row> rows = new ArrayList<>();

    boolean clashes(Map<FieldSpec, Candidate> more) {
      return more.keySet().stream().anyMatch(numbers::containsKey);
    }

    Map<FieldSpec, Candidate> values() {
      Map<FieldSpec, Candidate> item = new LinkedHashMap<>();
      if (roles.text() != null && !text.isEmpty()) {
        LineItemExtractor.textValue(roles.text(), text, rows.get(0).page())
            .ifPresent(c -> item.put(roles.text(), c));
      }
      item.putAll(numbers);
      return item;
    }
  }

  /**
   * Reads the items under a header.
   *
   * @param header the header
   * @return the items and every row the table took
   */
  LineItemExtractor.Result read(Header header) {
    List<Column> cols = header.columns();
    List<Row> taken = new ArrayList<>(header.rows());
    List<Item> items = new ArrayList<>();
    List<Row> all = doc.layout().rows();
    Row prev = header.rows().get(header.rows().size() - 1);
    int i = doc.layout().indexOf(prev) + 1;
    Item cur = null;
    List<OcrWord> pending = new ArrayList<>();
    boolean skipping = false;
    boolean pageDone = false;
    while (i < all.size()) {
      Row r = all.get(i++);
      if (r.page() != prev.page()) {
        pageDone = false;
        // The table may go on over the page: under a repeated header, or from its first item row.
        Optional<Header> repeated =
            doc.layout().rowsOf(r.pageNumber()).stream()
                .map(this::header)
                .flatMap(Optional::stream)
                .findFirst();
        if (repeated.isPresent()) {
          List<Row> rows = repeated.get().rows();
          prev = rows.get(rows.size() - 1);
          i = doc.layout().indexOf(prev) + 1;
          taken.addAll(rows);
          cols = repeated.get().columns();
          skipping = false;
          continue;
        }
        skipping = true;
        prev = r;
      }
      if (r != prev && header(r).isPresent()) {
        break;
      }
      if (pageDone) {
        continue;
      }
      Map<Column, List<OcrWord>> cells = cells(r, cols);
      Map<FieldSpec, Candidate> numbers = numbers(cells, r);
      boolean note =
          NOTE.matcher(LEADING_POSITION.matcher(r.text()).replaceFirst("")).find()
              && (roles.amount() == null || !numbers.containsKey(roles.amount()));
      if (ends(r, numbers, note, items.isEmpty())) {
        break;
      }
      if (note) {
        numbers.clear();
        if (cur != null) {
          cur.closed = true;
        }
      }
      List<OcrWord> text = note ? List.of() : words(cells, roles.text());
      List<OcrWord> quantityCell = note ? List.of() : words(cells, roles.quantity());
      boolean position = !note && startsWithPosition(r, cols);
      boolean wide = r.box().top() - prev.box().bottom() > WIDE_GAP * prev.height();
      boolean money = numbers.keySet().stream().anyMatch(f -> f.kind() == ValueKind.MONEY);
      if (wide && !money && !numbers.isEmpty() && !items.isEmpty()) {
        // After a wide gap only a priced row goes on with the table: "Page 1 of 2" is no item.
        pageDone = true;
        continue;
      }
      if (!numbers.isEmpty()) {
        if (cur == null || cur.clashes(numbers) || position) {
          cur = new Item();
          if (text.isEmpty()) {
            // The description printed on the line above the numbers.
            cur.text.addAll(pending);
          }
          items.add(cur);
        }
        pending.clear();
        numbers.forEach(cur.numbers::putIfAbsent);
        cur.text.addAll(text);
        if (cur.quantityWords.isEmpty()) {
          cur.quantityWords.addAll(quantityCell);
        }
      } else if (skipping || (wide && !text.isEmpty() && !numbersNext(i, r, cols))) {
        // Above the first item of a continued page, or text after a wide gap: no item's.
        if (!skipping && !items.isEmpty()) {
          pageDone = true;
        }
        continue;
      } else if (!text.isEmpty()) {
        if (position) {
          cur = new Item();
          items.add(cur);
          cur.text.addAll(text);
        } else if (cur != null && !numbersNext(i, r, cols)) {
          if (!cur.closed) {
            cur.text.addAll(text);
          }
        } else {
          pending.addAll(text);
        }
      } else if (!note && cur == null) {
        prev = r;
        continue;
      }
      skipping = false;
      if (cur != null) {
        cur.rows.add(r);
      }
      taken.add(r);
      prev = r;
    }
    List<Map<FieldSpec, Candidate>> out = new ArrayList<>();
    for (Item it : items) {
      if (it.numbers.isEmpty()) {
        continue;
      }
      Map<FieldSpec, Candidate> item = it.values();
      QuantityCheck.reconcile(
          item,
          roles.quantity(),
          roles.unitPrice(),
          roles.amount(),
          it.quantityWords,
          it.rows.get(0).page());
      out.add(item);
    }
    return new LineItemExtractor.Result(out, taken);
  }

  /**
   * Whether a row ends the table: a summary line ({@code Summe netto: 496,00 €}: a summary label
   * and one amount at most, or one that {@link Doc#isSummaryRow} knows), or, once items were read,
   * another table's header line ({@code Beschreibung | Fälligkeit | Teilzahlung}).
   */
  private boolean ends(Row r, Map<FieldSpec, Candidate> numbers, boolean note, boolean noItems) {
    if (numbers.size() <= 1 && doc.opensWithSummaryLabel(r)) {
      return true;
    }
    // A note's later label ("Bruttopreis :4,0000  Rabatt") is no summary line.
    if (note) {
      return false;
    }
    return doc.isSummaryRow(r) || (!noItems && headerLine(r) && r.segments().size() >= 3);
  }

  /**
   * Whether the row after this one brings numbers and no description, close below: this row's text
   * is then the description of the item that row starts.
   */
  private boolean numbersNext(int nextIndex, Row r, List<Column> cols) {
    List<Row> all = doc.layout().rows();
    if (nextIndex >= all.size()) {
      return false;
    }
    Row n = all.get(nextIndex);
    if (n.page() != r.page() || n.box().top() - r.box().bottom() > r.height()) {
      return false;
    }
    Map<Column, List<OcrWord>> cells = cells(n, cols);
    return !numbers(cells, n).isEmpty() && words(cells, roles.text()).isEmpty();
  }

  /** The numbers a row's cells hold, by field; of two columns for one field, the left one's. */
  private static Map<FieldSpec, Candidate> numbers(Map<Column, List<OcrWord>> cells, Row r) {
    Map<FieldSpec, Candidate> out = new LinkedHashMap<>();
    for (Map.Entry<Column, List<OcrWord>> e : cells.entrySet()) {
      FieldSpec f = e.getKey().field();
      if (f != null
          && !out.containsKey(f)
          && (f.kind() == ValueKind.MONEY || f.kind() == ValueKind.NUMBER)) {
        LineItemExtractor.cell(f, e.getValue(), r.page()).ifPresent(c -> out.put(f, c));
      }
    }
    return out;
  }

  /** The words of a row in the columns of one field, left to right. */
  private static List<OcrWord> words(Map<Column, List<OcrWord>> cells, FieldSpec field) {
    if (field == null) {
      return List.of();
    }
    List<OcrWord> out = new ArrayList<>();
    cells.forEach(
        (c, ws) -> {
          if (c.field() == field) {
            out.addAll(ws);
          }
        });
    return out;
  }

  /** Whether the row opens with a position number in a column no field holds. */
  private boolean startsWithPosition(Row r, List<Column> cols) {
    OcrWord first = r.words().get(0);
    return POSITION.matcher(first.text()).matches()
        && cells(r, cols).entrySet().iterator().next().getKey().field() == null;
  }

  /**
   * Puts each word of a row into its column: the one whose heading it stands under, where there is
   * one; else the one its centre falls in, the bounds between two columns lying halfway across the
   * gap between their headings, except after a description, which runs on up to just before a
   * number column's heading (numbers are right-aligned under their heading and may start left of
   * it).
   */
  private Map<Column, List<OcrWord>> cells(Row r, List<Column> cols) {
    double h = r.height();
    double[] bounds = new double[cols.size() - 1];
    for (int c = 0; c + 1 < cols.size(); c++) {
      Column a = cols.get(c);
      Column b = cols.get(c + 1);
      boolean textThenNumber =
          a.field() != null
              && a.field() == roles.text()
              && b.field() != null
              && b.field().kind() != ValueKind.TEXT;
      bounds[c] =
          textThenNumber
              ? Math.max(a.left() + 1, b.left() - Math.max(2 * h, 0.5 * (b.right() - b.left())))
              : (a.right() + b.left()) / 2.0;
    }
    Map<Column, List<OcrWord>> out = new LinkedHashMap<>();
    for (OcrWord w : r.words()) {
      out.computeIfAbsent(columnOf(w, cols, bounds), k -> new ArrayList<>()).add(w);
    }
    return out;
  }

  private static Column columnOf(OcrWord w, List<Column> cols, double[] bounds) {
    Column under = null;
    for (Column c : cols) {
      if (w.box().left() < c.right() && c.left() < w.box().right()) {
        if (under != null) {
          under = null;
          break;
        }
        under = c;
      }
    }
    if (under != null) {
      // Under one heading only: that heading's column, wherever the bounds fall.
      return under;
    }
    double x = w.box().centerX();
    int c = 0;
    while (c < bounds.length && x >= bounds[c]) {
      c++;
    }
    return cols.get(c);
  }
}
