package dev.docsift.core.extract;

import dev.docsift.core.extract.LineItemExtractor.Roles;
import dev.docsift.core.model.OcrWord;
import dev.docsift.schemas.FieldSpec;
import dev.docsift.schemas.ValueKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads line items from a grid under a header row ({@link TableHeader}), as invoices print them.
 *
 * <ul>
 *   <li>A row's words go to the column whose heading they stand under, else to the one their centre
 *       falls in; a description runs on up to just before a number column.
 *   <li>An item may take several rows: its amount a line below its price, its description wrapped
 *       over lines. A new item starts where a row brings a value its item already has, or a
 *       position number; notes under an item ({@code Bruttopreis : 9,90}) are neither, and end its
 *       description.
 *   <li>The table ends at a summary line ({@code Summe}), at another table's header, or at text
 *       after a wide gap; it may go on over the next pages, under a repeated header or from the
 *       first item row.
 * </ul>
 */
final class ItemTable {
  /** A gap of more than this many row heights may end the table. */
  private static final double WIDE_GAP = 3.5;

  /** "Bruttopreis : 9,90", "Verpackung : Flasche": a note under an item, no value of it. */
  private static final Pattern NOTE = Pattern.compile("^\\p{L}[\\p{L}\\d.\\-/ ]{0,40}?\\s?:");

  /** A note may follow its item's position number ("2 Inklusiv-Kilometer waren: 873"). */
  private static final Pattern LEADING_POSITION = Pattern.compile("^\\d{1,3}\\.?\\s+");

  /** A position number: the row's first word, a small whole number. */
  private static final Pattern POSITION = Pattern.compile("\\d{1,3}\\.?");

  private final Doc doc;
  private final Roles roles;
  private final TableHeader headers;

  /**
   * A reader for one table field.
   *
   * @param table the table field
   * @param doc the document
   */
  ItemTable(FieldSpec table, Doc doc) {
    this.doc = doc;
    this.roles = Roles.of(table);
    this.headers = new TableHeader(table, doc);
  }

  /** The item fields by role. */
  Roles roles() {
    return roles;
  }

  /**
   * The header whose main line is this row, if it is one.
   *
   * @param r a row
   * @return the header, or empty
   */
  Optional<TableHeader.Header> header(Row r) {
    return headers.find(r);
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
  LineItemExtractor.Result read(TableHeader.Header header) {
    List<TableHeader.Column> cols = header.columns();
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
        Optional<TableHeader.Header> repeated =
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
      Map<TableHeader.Column, List<OcrWord>> cells = cells(r, cols);
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
      boolean position = !note && startsWithPosition(r, cells);
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
    return doc.isSummaryRow(r)
        || (!noItems && TableHeader.headerLine(r) && r.segments().size() >= 3);
  }

  /**
   * Whether the row after this one brings numbers and no description, close below: this row's text
   * is then the description of the item that row starts.
   */
  private boolean numbersNext(int nextIndex, Row r, List<TableHeader.Column> cols) {
    List<Row> all = doc.layout().rows();
    if (nextIndex >= all.size()) {
      return false;
    }
    Row n = all.get(nextIndex);
    if (n.page() != r.page() || n.box().top() - r.box().bottom() > r.height()) {
      return false;
    }
    Map<TableHeader.Column, List<OcrWord>> cells = cells(n, cols);
    return !numbers(cells, n).isEmpty() && words(cells, roles.text()).isEmpty();
  }

  /** The numbers a row's cells hold, by field; of two columns for one field, the left one's. */
  private static Map<FieldSpec, Candidate> numbers(
      Map<TableHeader.Column, List<OcrWord>> cells, Row r) {
    Map<FieldSpec, Candidate> out = new LinkedHashMap<>();
    for (Map.Entry<TableHeader.Column, List<OcrWord>> e : cells.entrySet()) {
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
  private static List<OcrWord> words(
      Map<TableHeader.Column, List<OcrWord>> cells, FieldSpec field) {
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
  private static boolean startsWithPosition(Row r, Map<TableHeader.Column, List<OcrWord>> cells) {
    OcrWord first = r.words().get(0);
    return POSITION.matcher(first.text()).matches()
        && cells.keySet().iterator().next().field() == null;
  }

  /**
   * Puts each word of a row into its column: the one whose heading it stands under, where there is
   * one; else the one its centre falls in, the bounds between two columns lying halfway across the
   * gap between their headings, except after a description, which runs on up to just before a
   * number column's heading (numbers are right-aligned under their heading and may start left of
   * it).
   */
  private Map<TableHeader.Column, List<OcrWord>> cells(Row r, List<TableHeader.Column> cols) {
    double h = r.height();
    double[] bounds = new double[cols.size() - 1];
    for (int c = 0; c + 1 < cols.size(); c++) {
      TableHeader.Column a = cols.get(c);
      TableHeader.Column b = cols.get(c + 1);
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
    Map<TableHeader.Column, List<OcrWord>> out = new LinkedHashMap<>();
    for (OcrWord w : r.words()) {
      out.computeIfAbsent(columnOf(w, cols, bounds), k -> new ArrayList<>()).add(w);
    }
    return out;
  }

  private static TableHeader.Column columnOf(
      OcrWord w, List<TableHeader.Column> cols, double[] bounds) {
    TableHeader.Column under = null;
    for (TableHeader.Column c : cols) {
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
