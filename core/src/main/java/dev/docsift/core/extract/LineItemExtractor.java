package dev.docsift.core.extract;

import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.schemas.FieldSpec;
import dev.docsift.schemas.ValueKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rebuilds the rows of a table field (line items), by one of two readers. Where a header row names
 * the item fields' columns ({@code Pos | Beschreibung | Nettopreis | Menge | Betrag}), the {@link
 * ItemTable} reads the grid under it. Where there is none, or the header names only the description
 * and the amount ({@code Item | Amount}, a receipt's), {@link ReceiptItems} reads the lines that
 * end with an amount. Stateless.
 */
final class LineItemExtractor {
  private static final Pattern FOUR_DECIMALS = Pattern.compile("-?\\d{1,7}[.,]\\d{4}");

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

  /**
   * The item fields by role; any may be null where the schema has no such field.
   *
   * @param text the description
   * @param quantity the quantity
   * @param unitPrice the price of one
   * @param amount the line's amount
   */
  record Roles(FieldSpec text, FieldSpec quantity, FieldSpec unitPrice, FieldSpec amount) {
    /** Reads the roles from the item fields' kinds, names and labels. */
    static Roles of(FieldSpec table) {
      FieldSpec text = null;
      FieldSpec qty = null;
      FieldSpec unit = null;
      FieldSpec amount = null;
      for (FieldSpec c : table.children()) {
        String hint = (c.name() + " " + String.join(" ", c.labels())).toLowerCase(Locale.ROOT);
        switch (c.kind()) {
          case MONEY -> {
            boolean isUnit =
                hint.contains("unit") || hint.contains("price") || hint.contains("rate");
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
  }

  /**
   * Finds the header rows of a table on every page.
   *
   * @param grid the table's grid reader, the one {@link #extract} is given after
   * @param doc the document
   * @return the rows that look like the table's header, in reading order
   */
  static List<Row> headerRows(ItemTable grid, Doc doc) {
    List<Row> out = new ArrayList<>();
    for (Row r : doc.layout().rows()) {
      grid.header(r).ifPresent(h -> out.addAll(h.rows()));
    }
    return out;
  }

  /**
   * Reads a table.
   *
   * @param grid the table's grid reader
   * @param doc the document
   * @param after the row after which items may start on the first page (the header block's last
   *     row), or null
   * @return the items and the rows they took
   */
  static Result extract(ItemTable grid, Doc doc, Row after) {
    Roles roles = grid.roles();
    for (Row r : doc.layout().rows()) {
      Optional<TableHeader.Header> header = grid.header(r);
      if (header.isPresent() && !header.get().onlyTextAndAmount(roles)) {
        return grid.read(header.get());
      }
      if (header.isPresent()) {
        // "Item | Amount" heads a receipt's lines, not a grid: its items are read like those of a
        // receipt without a header, with their quantity lines and prefixes.
        Row last = header.get().rows().get(header.get().rows().size() - 1);
        Result lines = ReceiptItems.read(doc, last, roles);
        List<Row> rows = new ArrayList<>(header.get().rows());
        rows.addAll(lines.rows());
        return new Result(lines.items(), rows);
      }
    }
    return ReceiptItems.read(doc, after, roles);
  }

  /** A description from words: trimmed of edge punctuation, with at least one letter. */
  static Optional<Candidate> textValue(FieldSpec f, List<OcrWord> words, OcrPage page) {
    List<OcrWord> ws = ValueReader.trimEdges(words);
    String text = Text.trimPunctuation(Candidate.join(ws));
    if (ws.isEmpty() || Text.countLetters(text) == 0) {
      return Optional.empty();
    }
    return ValueReader.json(f, text, null).map(v -> Candidate.of(v, ws, page, 1));
  }

  /**
   * A number read from a cell's words: for money the last amount in it with two decimals or a
   * currency ({@code 4,55 €}; {@code 873} is no amount of money), for a quantity the number it
   * starts with ({@code 20 Stk}, {@code 100,0000 Stk.}).
   */
  static Optional<Candidate> cell(FieldSpec f, List<OcrWord> words, OcrPage page) {
    List<OcrWord> ws = ValueReader.trimEdges(words);
    if (ws.isEmpty()) {
      return Optional.empty();
    }
    String text = Candidate.join(ws);
    if (f.kind() == ValueKind.MONEY) {
      List<MoneyParser.Money> ms = MoneyParser.findAll(text);
      if (ms.isEmpty() && FOUR_DECIMALS.matcher(text).matches()) {
        // Unit prices printed to four places ("9,9000"): a price in cents when the last two are
        // zeros; "3,3333" is no amount of money to write with two.
        Optional<BigDecimal> n = NumberParser.parse(text);
        if (n.isPresent() && n.get().scale() <= 2) {
          BigDecimal cents = n.get().setScale(2);
          return ValueReader.json(f, cents.toPlainString(), cents)
              .map(v -> Candidate.of(v, ws, page, 1));
        }
      }
      ms = ms.stream().filter(MoneyParser.Money::explicit).toList();
      if (ms.isEmpty() || Text.countLetters(text.replaceAll("[A-Z]{3}", "")) > 2) {
        return Optional.empty();
      }
      MoneyParser.Money m = ms.get(ms.size() - 1);
      WordRun run = WordRun.of(ws);
      return ValueReader.json(f, m.text(), m.amount())
          .map(v -> Candidate.of(v, run.wordsBetween(m.start(), m.end()), page, 1));
    }
    Optional<BigDecimal> n = NumberParser.parse(text);
    List<OcrWord> from = ws;
    if (n.isEmpty() && ws.size() > 1 && Text.countLetters(ws.get(0).text()) == 0) {
      // A quantity with its unit in the same cell: "20 Stk", "10 Liter(s)".
      n = NumberParser.parse(ws.get(0).text());
      from = List.of(ws.get(0));
    }
    List<OcrWord> numberWords = from;
    return n.flatMap(x -> ValueReader.json(f, x.toPlainString(), x))
        .map(v -> Candidate.of(v, numberWords, page, 1));
  }
}
