package dev.docsift.core.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.core.extract.LineItemExtractor.Roles;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.schemas.FieldSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the items of a receipt, which has no header row: lines that end with an amount between the
 * header block and the summary lines are items; {@code 2 x 3.50} gives quantity and unit price, on
 * the item's line or on the line before or after it, and a leading {@code 2} the quantity. A line
 * whose amount OCR garbled keeps its description, so the items after it keep their places.
 * Stateless.
 */
final class ReceiptItems {
  private static final Pattern QTY_PRICE =
      Pattern.compile(
          "(?<![\\p{L}\\d.,])(?<q>\\d{1,4}(?:[.,]\\d{1,3})?)\\s?(?:[xX×*@]|pcs?\\s?[xX@]?)[.:,]?\\s?"
              + "(?:[$€£¥]\\s?)?(?<u>\\d{1,7}(?:[.,]\\d{3})*[.,]\\d{2})(?!\\d)");
  private static final Pattern QTY_PREFIX =
      Pattern.compile("^\\s*(?<q>\\d{1,2})\\s?(?:[xX×]\\s?)?\\s(?=\\p{L}{2})");

  /** An amount rebuilt from quantity and unit price is less sure than one read whole. */
  private static final double REPAIRED_AMOUNT = 0.6;

  private ReceiptItems() {}

  /** A quantity-times-price pattern and the words it came from. */
  private record QtyPrice(
      BigDecimal qty, BigDecimal unit, List<OcrWord> qtyWords, List<OcrWord> unitWords) {}

  /**
   * Reads the items of a receipt: the lines after {@code after} that end with an amount, up to the
   * first summary line.
   *
   * @param doc the document
   * @param after the row after which items may start, or null for the document's start
   * @param roles the item fields
   * @return the items and the rows they took
   */
  static LineItemExtractor.Result read(Doc doc, Row after, Roles roles) {
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
      if (DateParser.find(text, doc.dayOrder()).isPresent()) {
        // "14/07/2019 16:23": a dated line is the receipt's date, not an item priced 16.23.
        pendingText = null;
        continue;
      }
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
          Optional<Candidate> d = LineItemExtractor.textValue(roles.text(), desc, r.page());
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
      Optional<Candidate> d = LineItemExtractor.textValue(roles.text(), desc, r.page());
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
        // A quantity prefix ("2 Coffee 7.00") prints no unit price: none is made up from the
        // amount.
        addQty(item, roles, qp, r.page());
      }
      items.add(item);
      taken.add(r);
    }
    return new LineItemExtractor.Result(items, taken);
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
