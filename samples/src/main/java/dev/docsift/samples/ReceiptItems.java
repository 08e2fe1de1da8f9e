package dev.docsift.samples;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A receipt's item lines: the goods bought, drawn from the shop's range with sometimes a discount,
 * then laid out under an optional header with the amounts right-aligned, a quantity printed before
 * the description or on a line of its own under it, and the items' truth as printed.
 */
final class ReceiptItems {
  private ReceiptItems() {}

  /**
   * A line as bought.
   *
   * @param unit the unit price, or null for a discount
   */
  record Line(String description, BigDecimal quantity, BigDecimal unit, BigDecimal amount) {}

  /** One to eight different goods from the shop, and sometimes a discount. */
  static List<Line> lines(Rng r, Shop shop, boolean german) {
    int count = r.between(1, 8);
    List<Shop.Goods> goods = new ArrayList<>(shop.goods);
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < count && !goods.isEmpty(); i++) {
      Shop.Goods g = goods.remove(r.nextInt(goods.size()));
      BigDecimal unit = Money.round(r.price(g.low(), g.high()));
      BigDecimal quantity = r.chance(0.25) ? BigDecimal.valueOf(r.between(2, 4)) : BigDecimal.ONE;
      lines.add(new Line(g.name(), quantity, unit, unit.multiply(quantity).setScale(2)));
    }
    BigDecimal sum = lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    if (r.chance(0.1) && sum.compareTo(BigDecimal.TEN) > 0) {
      BigDecimal off = Money.round(BigDecimal.valueOf(r.between(0.5, 3.0)));
      String name = german ? "Rabatt" : r.pick("Discount", "Coupon", "Member Discount");
      lines.add(new Line(name, BigDecimal.ONE, null, off.negate()));
    }
    return lines;
  }

  /**
   * Draws the lines from the layout's position down, with a header when asked or by chance, and
   * leaves the position under them.
   *
   * @param total the receipt's total, which the amount column must have room for
   * @param codeHeader whether the header is printed with the currency code over the amounts
   * @param symbols whether the amounts carry the currency symbol
   * @return the items' truth, one object per line as printed
   */
  static ArrayNode draw(
      Layout doc,
      List<Line> lines,
      BigDecimal total,
      boolean german,
      boolean codeHeader,
      boolean symbols) {
    if (codeHeader || doc.r.chance(0.25)) {
      doc.page.left(
          german ? "Artikel" : doc.r.pick("Item", "Description", "ITEM"),
          doc.bold,
          doc.margin,
          doc.y);
      doc.page.right(
          codeHeader ? doc.m.currency : german ? "Betrag" : "Amount", doc.bold, doc.right, doc.y);
      doc.y += doc.lead;
    }
    boolean prefixQuantity = doc.r.chance(0.3);
    boolean prefixAlways = prefixQuantity && doc.r.chance(0.4);
    String times = doc.r.pick(" x ", " X ", " @ ");
    double amountWidth =
        PageLayout.measure(doc.money(total.max(maxAmount(lines)), symbols), doc.body);
    double descriptionWidth = doc.right - doc.margin - amountWidth - doc.body.getSize2D();
    ArrayNode items = JsonNodeFactory.instance.arrayNode();
    for (Line line : lines) {
      ObjectNode item = items.addObject();
      boolean many = line.quantity().compareTo(BigDecimal.ONE) != 0;
      String amount = doc.money(line.amount(), symbols);
      if (prefixQuantity && line.unit() != null && (many || prefixAlways)) {
        String prefix = doc.m.quantity(line.quantity()) + (times.equals(" @ ") ? " x " : times);
        String description =
            PageLayout.fit(
                line.description(),
                doc.body,
                descriptionWidth - PageLayout.measure(prefix, doc.body));
        doc.page.left(prefix + description, doc.body, doc.margin, doc.y);
        doc.page.right(amount, doc.body, doc.right, doc.y);
        item.put("description", description);
        Money.putQuantity(item, line.quantity());
      } else if (many && line.unit() != null) {
        String description = PageLayout.fit(line.description(), doc.body, doc.right - doc.margin);
        doc.page.left(description, doc.body, doc.margin, doc.y);
        doc.y += doc.lead;
        String each = doc.m.quantity(line.quantity()) + times + doc.money(line.unit(), symbols);
        doc.page.left(each, doc.body, doc.margin + doc.body.getSize2D() * 1.5, doc.y);
        doc.page.right(amount, doc.body, doc.right, doc.y);
        item.put("description", description);
        Money.putQuantity(item, line.quantity());
        item.put("unit_price", Money.truth(line.unit()));
      } else {
        String description = PageLayout.fit(line.description(), doc.body, descriptionWidth);
        doc.page.left(description, doc.body, doc.margin, doc.y);
        doc.page.right(amount, doc.body, doc.right, doc.y);
        item.put("description", description);
      }
      item.put("amount", Money.truth(line.amount()));
      doc.y += doc.lead;
    }
    return items;
  }

  private static BigDecimal maxAmount(List<Line> lines) {
    return lines.stream().map(l -> l.amount().abs()).reduce(BigDecimal.ZERO, BigDecimal::max);
  }
}
