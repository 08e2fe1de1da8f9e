package dev.docsift.core.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.schemas.FieldSpec;
import dev.docsift.schemas.ValueKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rebuilds the rows of a table field (line items). With a header row whose words match the item
 * fields' labels ({@code Description | Qty | Unit Price | Amount}), columns are cut from the header
 * words' boxes and the rows under it are read until a summary line ({@code Subtotal}, {@code
 * Total}) or a gap, a description wrapping onto a line without numbers being appended to the item
 * above; the table may go on over the next pages. Without a header (receipts), lines that end with
 * an amount between the header block and the summary lines are items, and {@code 2 x 3.50} gives
 * quantity and unit price, on the item's line or on the line before or after it. Stateless.
 */
final class LineItemExtractor {
  private static final Pattern QTY_PRICE =
      Pattern.compile(
          "(?<![\\p{L}\\d.,])(?<q>\\d{1,4}(?:[.,]\\d{1,3})?)\\s?(?:[xX×*@]|pcs?\\s?[xX@]?)[.:,]?\\s?"
              + "(?:[$€£¥]\\s?)?(?<u>\\d{1,7}(?:[.,]\\d{3})*[.,]\\d{2})(?!\\d)");
  private static final Pattern QTY_PREFIX =
      Pattern.compile("^\\s*(?<q>\\d{1,2})\\s?(?:[xX×]\\s?)?\\s(?=\\p{L}{2})");

  /** An amount rebuilt from quantity and unit price is less sure than one read whole. */
  private static final double REPAIRED_AMOUNT = 0.6;

  private LineItemExtractor() {}

  /**
   * What was read from a table.
   *
   * @param items the items, each a value per item field
   * @param rows every row the table took (header, items, wrapped lines)
   */
  record Result(List<Map<FieldSpec, Candidate>> items, List<Row> rows) {
    /** Copies. */
    Result {
      items = List.copyOf(items);
      rows = List.copyOf(rows);
    }
  }

  /** A column: the item field it holds and the x-range of its header words. */
  private record Column(FieldSpec field, int left, int right) {}

  /** The item fields by role. */
  private record Roles(FieldSpec text, FieldSpec quantity, FieldSpec unitPrice, FieldSpec amount) {}

  /**
   * Finds the header rows of a table on every page.
   *
   * @param table the table field
   * @param doc the document
   * @return the rows that look like the table's header, in reading order
   */
  static List<Row> headerRows(FieldSpec table, Doc doc) {
    LabelMatcher matcher = LabelMatcher.of(table.children(), false);
    List<Row> out = new ArrayList<>();
    for (Row r : doc.layout().rows()) {
      if (columns(matcher, r, table) != null) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * Reads a table.
   *
   * @param table the table field
   * @param doc the document
   * @param after the row after which items may start on the first page (the header block's last
   *     row), or null
   * @return the items and the rows they took
   */
  static Result extract(FieldSpec table, Doc doc, Row after) {
    LabelMatcher matcher = LabelMatcher.of(table.children(), false);
    Roles roles = roles(table);
    for (Row r : doc.layout().rows()) {
      List<Column> cols = columns(matcher, r, table);
      if (cols != null && !onlyTextAndAmount(cols, roles)) {
        return readColumns(table, doc, matcher, r, cols, roles);
      }
      if (cols != null) {
        // "Item | Amount" heads a receipt's lines, not a grid: its items are read like those of a
        // receipt without a header, with their quantity lines and prefixes.
        Result lines = readLines(doc, r, roles);
        List<Row> rows = new ArrayList<>(List.of(r));
        rows.addAll(lines.rows());
        return new Result(lines.items(), rows);
      }
    }
    return readLines(doc, after, roles);
  }

  /** Whether a header names only the description and the amount column. */
  private static boolean onlyTextAndAmount(List<Column> cols, Roles roles) {
    return cols.size() == 2
        && cols.stream().allMatch(c -> c.field() == roles.text() || c.field() == roles.amount());
  }

  private static Roles roles(FieldSpec table) {
    FieldSpec text = null;
    FieldSpec qty = null;
    FieldSpec unit = null;
    FieldSpec amount = null;
    for (FieldSpec c : table.children()) {
      String hint = (c.name() + " " + String.join(" ", c.labels())).toLowerCase(Locale.ROOT);
      switch (c.kind()) {
        case MONEY -> {
          boolean isUnit = hint.contains("unit") || hint.contains("price") || hint.contains("rate");
          if (isUnit && unit == null && !c.name().toLowerCase(Locale.ROOT).contains("amount")) {
            unit = c;
          } else if (amount == null) {
            amount = c;
          }
        }
        case NUMBER -> qty = qty == null ? c : qty;
        case TEXT, NAME -> text = text == null ? c : text;
        default -> {}
      }
    }
    if (amount == null && unit != null) {
      amount = unit;
      unit = null;
    }
    return new Roles(text, qty, unit, amount);
  }

  /** The columns a header row defines, or null when the row is no header. */
  private static List<Column> columns(LabelMatcher matcher, Row r, FieldSpec table) {
    if (MoneyParser.findAll(r.text()).stream().anyMatch(MoneyParser.Money::explicit)) {
      return null;
    }
    Map<FieldSpec, Column> byField = new IdentityHashMap<>();
    List<Column> cols = new ArrayList<>();
    for (LabelHit h : matcher.hits(r)) {
      for (FieldSpec f : h.fields()) {
        if (!byField.containsKey(f)) {
          Box b = h.box();
          Column c = new Column(f, b.left(), b.right());
          byField.put(f, c);
          cols.add(c);
          break;
        }
      }
    }
    if (cols.size() < 2) {
      return null;
    }
    // A header row is mostly labels: a line of prose that mentions two of them is not one.
    int labelWords = 0;
    for (LabelHit h : matcher.hits(r)) {
      labelWords += h.to() - h.from();
    }
    if (labelWords * 2 < r.words().size()) {
      return null;
    }
    FieldSpec text = roles(table).text();
    cols.sort(Comparator.comparingInt(Column::left));
    if (text != null && !byField.containsKey(text)) {
      cols.add(0, new Column(text, 0, Math.max(0, cols.get(0).left() - 1)));
    }
    return cols;
  }

  private static Result readColumns(
      FieldSpec table, Doc doc, LabelMatcher matcher, Row header, List<Column> cols, Roles roles) {
    List<Map<FieldSpec, Candidate>> items = new ArrayList<>();
    List<Row> taken = new ArrayList<>(List.of(header));
    List<Row> all = doc.layout().rows();
    int i = doc.layout().indexOf(header) + 1;
    Row prev = header;
    List<OcrWord> pendingText = new ArrayList<>();
    boolean skipping = false;
    boolean pageDone = false;
    while (i < all.size()) {
      Row r = all.get(i++);
      if (r.page() != prev.page()) {
        pageDone = false;
        // The table may go on over the page: under a repeated header, or from its first item row.
        Row repeated = null;
        for (Row x : doc.layout().rowsOf(r.pageNumber())) {
          List<Column> c = columns(matcher, x, table);
          if (c != null) {
            repeated = x;
            cols = c;
            break;
          }
        }
        if (repeated != null) {
          i = doc.layout().indexOf(repeated) + 1;
          taken.add(repeated);
          prev = repeated;
          skipping = false;
          continue;
        }
        skipping = true;
        prev = r;
      }
      if (doc.isSummaryRow(r)) {
        break;
      }
      double h = Math.max(r.height(), prev.height());
      if (pageDone || (!skipping && r.box().top() - prev.box().bottom() > 3.5 * h)) {
        // After a wide gap the table is over on this page; it may still go on over the next.
        pageDone = true;
        continue;
      }
      Map<FieldSpec, List<OcrWord>> cells = cells(r, cols);
      Map<FieldSpec, Candidate> numbers = new LinkedHashMap<>();
      for (Map.Entry<FieldSpec, List<OcrWord>> e : cells.entrySet()) {
        FieldSpec f = e.getKey();
        if (f.kind() == ValueKind.MONEY || f.kind() == ValueKind.NUMBER) {
          cell(f, e.getValue(), r.page()).ifPresent(c -> numbers.put(f, c));
        }
      }
      List<OcrWord> text =
          roles.text() == null ? List.of() : cells.getOrDefault(roles.text(), List.of());
      if (!numbers.isEmpty()) {
        skipping = false;
        List<OcrWord> desc = new ArrayList<>(text);
        if (desc.isEmpty()) {
          desc.addAll(pendingText);
        }
        pendingText.clear();
        Map<FieldSpec, Candidate> item = new LinkedHashMap<>();
        if (roles.text() != null && !desc.isEmpty()) {
          textValue(roles.text(), desc, r.page()).ifPresent(c -> item.put(roles.text(), c));
        }
        item.putAll(numbers);
        QuantityCheck.reconcile(
            item,
            roles.quantity(),
            roles.unitPrice(),
            roles.amount(),
            roles.quantity() == null ? List.of() : cells.getOrDefault(roles.quantity(), List.of()),
            r.page());
        items.add(item);
        taken.add(r);
        prev = r;
      } else if (!skipping && !text.isEmpty() && cells.size() == 1) {
        Map<FieldSpec, Candidate> last = items.isEmpty() ? null : items.get(items.size() - 1);
        if (last != null
            && last.containsKey(roles.text())
            && r.box().top() - prev.box().bottom() < 1.6 * h) {
          Candidate old = last.get(roles.text());
          List<OcrWord> words = new ArrayList<>(old.words());
          words.addAll(text);
          textValue(roles.text(), words, r.page()).ifPresent(c -> last.put(roles.text(), c));
        } else {
          pendingText = new ArrayList<>(text);
        }
        taken.add(r);
        prev = r;
      } else if (!skipping) {
        prev = r;
      }
    }
    return new Result(items, taken);
  }

  /** Puts each word of a row into the column its centre falls in. */
  private static Map<FieldSpec, List<OcrWord>> cells(Row r, List<Column> cols) {
    double h = r.height();
    double[] bounds = new double[cols.size() - 1];
    for (int c = 0; c + 1 < cols.size(); c++) {
      Column a = cols.get(c);
      Column b = cols.get(c + 1);
      boolean textThenNumber =
          (a.field().kind() == ValueKind.TEXT || a.field().kind() == ValueKind.NAME)
              && b.field().kind() != ValueKind.TEXT;
      // Numbers are right-aligned under their header and may start left of it; text runs long.
      bounds[c] =
          textThenNumber
              ? Math.max(a.left() + 1, b.left() - Math.max(2 * h, 0.5 * (b.right() - b.left())))
              : (a.right() + b.left()) / 2.0;
    }
    Map<FieldSpec, List<OcrWord>> out = new LinkedHashMap<>();
    for (OcrWord w : r.words()) {
      double x = w.box().centerX();
      int c = 0;
      while (c < bounds.length && x >= bounds[c]) {
        c++;
      }
      out.computeIfAbsent(cols.get(c).field(), k -> new ArrayList<>()).add(w);
    }
    return out;
  }

  private static Optional<Candidate> cell(FieldSpec f, List<OcrWord> words, OcrPage page) {
    List<OcrWord> ws = ValueReader.trimEdges(words);
    if (ws.isEmpty()) {
      return Optional.empty();
    }
    String text = Candidate.join(ws);
    if (f.kind() == ValueKind.MONEY) {
      List<MoneyParser.Money> ms = MoneyParser.findAll(text);
      if (ms.isEmpty() || Text.countLetters(text.replaceAll("[A-Z]{3}", "")) > 2) {
        return Optional.empty();
      }
      MoneyParser.Money m = ms.get(ms.size() - 1);
      WordRun run = WordRun.of(ws);
      return ValueReader.json(f, m.text(), m.amount())
          .map(v -> Candidate.of(v, run.wordsBetween(m.start(), m.end()), page, 1));
    }
    Optional<BigDecimal> n = NumberParser.parse(text);
    return n.flatMap(x -> ValueReader.json(f, x.toPlainString(), x))
        .map(v -> Candidate.of(v, ws, page, 1));
  }

  private static Optional<Candidate> textValue(FieldSpec f, List<OcrWord> words, OcrPage page) {
    List<OcrWord> ws = ValueReader.trimEdges(words);
    String text = Text.trimPunctuation(Candidate.join(ws));
    if (ws.isEmpty() || Text.countLetters(text) == 0) {
      return Optional.empty();
    }
    return ValueReader.json(f, text, null).map(v -> Candidate.of(v, ws, page, 1));
  }

  // ---- Receipts: no header row ----

  /** A quantity-times-price pattern and the words it came from. */
  private record QtyPrice(
      BigDecimal qty, BigDecimal unit, List<OcrWord> qtyWords, List<OcrWord> unitWords) {}

  private static Result readLines(Doc doc, Row after, Roles roles) {
    List<Map<FieldSpec, Candidate>> items = new ArrayList<>();
    List<Row> taken = new ArrayList<>();
    List<Row> all = doc.layout().rows();
    int start = after == null ? 0 : doc.layout().indexOf(after) + 1;
    List<OcrWord> pendingText = null;
    QtyPrice pendingQty = null;
    double edge = ItemLines.amountEdge(all.subList(Math.max(0, start), all.size()), doc);
    for (int i = start; i < all.size(); i++) {
      Row r = all.get(i);
      if (doc.isSummaryRow(r)) {
        break;
      }
      WordRun run = WordRun.of(r.words());
      String text = run.text();
      List<MoneyParser.Money> monies =
          MoneyParser.findAll(text).stream().filter(MoneyParser.Money::explicit).toList();
      MoneyParser.Money amount = monies.isEmpty() ? null : monies.get(monies.size() - 1);
      if (amount != null && text.length() - amount.end() > 3) {
        amount = null; // an amount inside the line is no line total
      }
      if (amount == null) {
        amount = ColumnAmount.lastSegment(r, run).orElse(null);
      }
      List<LabelHit> opening = doc.hits(r).stream().filter(LabelHit::atSegmentStart).toList();
      if (opening.stream().anyMatch(h -> !h.builtin())
          || (!opening.isEmpty() && amount == null && !ItemLines.garbledAmount(r, edge))) {
        // "Date: 11/20/2023 19:09", "Cashier: Jonas": a line a field's label opens, or a built-in
        // label opens without an amount, is no item; an item may still begin with a built-in
        // label's word ("Website design 2,372.50").
        pendingText = null;
        continue;
      }
      Matcher qm = QTY_PRICE.matcher(Text.fixDigits(text));
      QtyPrice qp = null;
      int qStart = -1;
      if (qm.find()) {
        qStart = qm.start();
        qp =
            new QtyPrice(
                NumberParser.parse(qm.group("q")).orElse(BigDecimal.ONE),
                MoneyParser.parse(qm.group("u")).orElse(BigDecimal.ZERO),
                run.wordsBetween(qm.start("q"), qm.end("q")),
                run.wordsBetween(qm.start("u"), qm.end("u")));
        if (amount != null && qm.end() >= amount.end()) {
          amount = null; // the line is "2 x 3.50" alone: its amount is the unit price
        }
      }
      boolean repaired = false;
      if (amount == null && qp != null) {
        amount = fromQuantityAndPrice(text, qm.end(), qp).orElse(null);
        repaired = amount != null;
      }
      if (amount == null) {
        if (qp != null && Text.countLetters(text.substring(0, qStart)) < 2) {
          Map<FieldSpec, Candidate> last = items.isEmpty() ? null : items.get(items.size() - 1);
          if (last != null
              && !last.containsKey(roles.quantity())
              && matches(last, roles, qp)
              && i > 0
              && taken.contains(all.get(i - 1))) {
            addQty(last, roles, qp, r.page());
          } else {
            pendingQty = qp;
          }
          taken.add(r);
        } else if (ItemLines.isSeparator(r)) {
          pendingText = null;
        } else if (qp == null
            && roles.text() != null
            && ItemLines.garbledAmount(r, edge)
            && (!items.isEmpty() || !ItemLines.wordyTail(r))) {
          // The line is an item whose amount OCR could not read: keeping its description keeps
          // the items after it in their places. Above the first item, a worded tail is rather a
          // header line's ("Order 97171   Cashier: Jonas").
          Row.Segment last = r.segments().get(r.segments().size() - 1);
          List<OcrWord> desc = r.words().subList(0, last.from());
          Map<FieldSpec, Candidate> item = new LinkedHashMap<>();
          Matcher pm = QTY_PREFIX.matcher(Text.trimPunctuation(Candidate.join(desc)));
          QtyPrice prefix = null;
          if (pm.find()) {
            prefix =
                new QtyPrice(new BigDecimal(pm.group("q")), null, List.of(desc.get(0)), List.of());
            desc = desc.subList(firstLetterWord(desc), desc.size());
          }
          Optional<Candidate> d = textValue(roles.text(), desc, r.page());
          if (d.isPresent()) {
            item.put(roles.text(), d.get());
            if (prefix != null) {
              addQty(item, roles, prefix, r.page());
            }
            items.add(item);
            taken.add(r);
          }
          pendingText = null;
        } else if (Text.countLetters(text) >= 2 && monies.isEmpty()) {
          pendingText = new ArrayList<>(r.words());
        } else {
          pendingText = null;
        }
        continue;
      }
      int descEnd = qp != null && qStart < amount.start() ? qStart : amount.start();
      List<OcrWord> desc = ValueReader.trimEdges(run.wordsBetween(0, descEnd));
      if (!ItemLines.describes(desc) && pendingText != null) {
        desc = pendingText;
      }
      pendingText = null;
      Map<FieldSpec, Candidate> item = new LinkedHashMap<>();
      String descText = Text.trimPunctuation(Candidate.join(desc));
      Matcher pm = QTY_PREFIX.matcher(descText);
      if (qp == null && pm.find() && !desc.isEmpty()) {
        BigDecimal q = new BigDecimal(pm.group("q"));
        qp = new QtyPrice(q, null, List.of(desc.get(0)), List.of());
        desc = ValueReader.trimEdges(desc.subList(firstLetterWord(desc), desc.size()));
      }
      if (roles.text() == null || desc.isEmpty()) {
        continue;
      }
      Optional<Candidate> d = textValue(roles.text(), desc, r.page());
      if (d.isEmpty()) {
        continue;
      }
      item.put(roles.text(), d.get());
      MoneyParser.Money a = amount;
      double amountFactor = repaired ? REPAIRED_AMOUNT : 1;
      if (roles.amount() != null) {
        ValueReader.json(roles.amount(), a.text(), a.amount())
            .ifPresent(
                v ->
                    item.put(
                        roles.amount(),
                        Candidate.of(
                            v, run.wordsBetween(a.start(), a.end()), r.page(), amountFactor)));
      }
      if (qp == null && pendingQty != null && matches(item, roles, pendingQty)) {
        qp = pendingQty;
      }
      pendingQty = null;
      if (qp != null) {
        if (qp.unit() == null && qp.qty().signum() > 0) {
          BigDecimal unit = a.amount().divide(qp.qty(), 2, java.math.RoundingMode.HALF_UP);
          if (unit.multiply(qp.qty()).compareTo(a.amount()) == 0) {
            qp = new QtyPrice(qp.qty(), unit, qp.qtyWords(), run.wordsBetween(a.start(), a.end()));
          } else {
            qp = new QtyPrice(qp.qty(), null, qp.qtyWords(), List.of());
          }
        }
        addQty(item, roles, qp, r.page());
      }
      items.add(item);
      taken.add(r);
    }
    return new Result(items, taken);
  }

  /**
   * The amount after {@code 3 @ 7.99} that OCR read with its decimal point as another character
   * ({@code 23097}): quantity times unit price, when the text read has that value's digits,
   * separator aside.
   */
  private static Optional<MoneyParser.Money> fromQuantityAndPrice(
      String text, int after, QtyPrice qp) {
    if (qp.unit() == null || qp.unit().signum() <= 0) {
      return Optional.empty();
    }
    int start = after;
    while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    BigDecimal expected = qp.qty().multiply(qp.unit()).setScale(2, java.math.RoundingMode.HALF_UP);
    if (start == text.length() || !MoneyParser.misreadSeparator(text.substring(start), expected)) {
      return Optional.empty();
    }
    return Optional.of(new MoneyParser.Money(expected, true, start, text.length()));
  }

  private static int firstLetterWord(List<OcrWord> words) {
    for (int i = 0; i < words.size(); i++) {
      if (Text.countLetters(words.get(i).text()) >= 1 && !words.get(i).text().matches("[xX×]")) {
        return i;
      }
    }
    return words.size();
  }

  private static boolean matches(Map<FieldSpec, Candidate> item, Roles roles, QtyPrice qp) {
    Candidate amount = roles.amount() == null ? null : item.get(roles.amount());
    if (amount == null || qp.unit() == null) {
      return true;
    }
    Optional<BigDecimal> a = MoneyParser.parse(amount.value().asText());
    return a.isEmpty()
        || a.get()
                .compareTo(qp.qty().multiply(qp.unit()).setScale(2, java.math.RoundingMode.HALF_UP))
            == 0;
  }

  private static void addQty(
      Map<FieldSpec, Candidate> item, Roles roles, QtyPrice qp, OcrPage page) {
    if (roles.quantity() != null && !qp.qtyWords().isEmpty()) {
      Optional<JsonNode> v = ValueReader.json(roles.quantity(), qp.qty().toPlainString(), qp.qty());
      v.ifPresent(x -> item.put(roles.quantity(), Candidate.of(x, qp.qtyWords(), page, 1)));
    }
    if (roles.unitPrice() != null && qp.unit() != null && !qp.unitWords().isEmpty()) {
      BigDecimal u = qp.unit().setScale(2, java.math.RoundingMode.HALF_UP);
      ValueReader.json(roles.unitPrice(), u.toPlainString(), u)
          .ifPresent(x -> item.put(roles.unitPrice(), Candidate.of(x, qp.unitWords(), page, 1)));
    }
  }
}
