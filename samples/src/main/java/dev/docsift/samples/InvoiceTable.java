package dev.docsift.samples;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * An invoice's item table: the rows drawn from the seed, then the header, rows and rules as laid
 * out in one of four styles (underlined, shaded header, rules above and below, grid), with the
 * items' truth. The columns' positions are kept so the totals below can line up with them.
 *
 * @param items the items' truth, one object per row as printed
 * @param gap the space between columns
 * @param amountRight where the amounts end
 * @param amountWidth the amount column's width, gap included
 * @param unitRight where the unit price column ends
 * @param unitWidth the unit price column's width, gap included
 */
record InvoiceTable(
    ArrayNode items,
    double gap,
    double amountRight,
    double amountWidth,
    double unitRight,
    double unitWidth) {

  /** A billed line: hourly services have fractional quantities. */
  record Row(
      String description,
      BigDecimal quantity,
      BigDecimal unit,
      BigDecimal amount,
      boolean hourly) {}

  /** One to ten rows of different services. */
  static List<Row> rows(Rng r) {
    int count = r.between(1, 10);
    List<Service> services = new ArrayList<>(Service.CATALOGUE);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Service s = services.remove(r.nextInt(services.size()));
      BigDecimal quantity;
      BigDecimal unit;
      if (s.hourly()) {
        quantity = BigDecimal.valueOf(r.between(2, 80)).divide(BigDecimal.valueOf(2));
        quantity =
            quantity.stripTrailingZeros().scale() <= 0
                ? quantity.setScale(0)
                : quantity.setScale(1);
        unit =
            BigDecimal.valueOf(r.between((int) s.low() / 5, (int) s.high() / 5) * 5L).setScale(2);
      } else {
        quantity = BigDecimal.valueOf(r.chance(0.6) ? 1 : r.between(2, 12));
        unit = Money.round(r.price(s.low(), s.high()));
      }
      rows.add(new Row(s.name(), quantity, unit, Money.round(quantity.multiply(unit)), s.hourly()));
    }
    return rows;
  }

  /**
   * Draws the table from the layout's position down and leaves the position under it.
   *
   * @param total the invoice's total, which the amount column must have room for
   * @param quantityColumns whether quantity and unit price columns are printed
   * @param codeHeader whether the amount header names the currency
   * @param symbolRows whether the rows' amounts carry the currency symbol
   */
  static InvoiceTable draw(
      Layout doc,
      List<Row> rows,
      BigDecimal total,
      boolean quantityColumns,
      boolean codeHeader,
      boolean symbolRows) {
    String descHeader = doc.r.pick("Description", "Item", "Service", "Details", "Item Description");
    boolean allHourly = rows.stream().allMatch(Row::hourly);
    String qtyHeader =
        allHourly && doc.r.chance(0.5) ? "Hours" : doc.r.pick("Qty", "Quantity", "Units", "QTY");
    String unitHeader = doc.r.pick("Unit Price", "Price", "Rate", "Unit Cost");
    String amountHeader = doc.r.pick("Amount", "Line Total", "Total", "Net");
    if (codeHeader) {
      amountHeader =
          doc.r.chance(0.5)
              ? amountHeader + " (" + doc.m.currency + ")"
              : amountHeader + " " + doc.m.currency;
    }
    BigDecimal widest = rows.stream().map(x -> x.amount().abs()).reduce(total, BigDecimal::max);
    double gap = doc.body.getSize2D() * 1.5;
    double amountWidth =
        Math.max(
                PageLayout.measure(amountHeader, doc.bold),
                PageLayout.measure(doc.money(widest, true), doc.body))
            + gap;
    double unitWidth =
        Math.max(
                PageLayout.measure(unitHeader, doc.bold),
                PageLayout.measure(doc.money(widest, true), doc.body))
            + gap;
    double qtyWidth =
        Math.max(PageLayout.measure(qtyHeader, doc.bold), PageLayout.measure("888.5", doc.body))
            + gap;
    double amountRight = doc.right - (doc.r.chance(0.5) ? 4 : 0);
    double unitRight = amountRight - amountWidth;
    double qtyRight = unitRight - unitWidth;
    double descX = doc.margin + 4;
    double descWidth = (quantityColumns ? qtyRight - qtyWidth : unitRight) - descX - 6;
    int tableStyle =
        doc.r.between(0, 3); // 0 underline, 1 shaded header, 2 rules above and below, 3 grid
    double ascent = doc.body.getSize2D() * 0.8;
    double rowTop = doc.y - ascent - doc.lead * 0.3;
    if (tableStyle == 1) {
      doc.page.shade(
          doc.margin, rowTop, doc.right - doc.margin, doc.lead * 1.2, doc.r.between(205, 230));
    }
    if (tableStyle == 2 || tableStyle == 3) {
      doc.page.rule(doc.margin, rowTop, doc.right, rowTop, 0.8);
    }
    doc.page.left(descHeader, doc.bold, descX, doc.y);
    if (quantityColumns) {
      doc.page.right(qtyHeader, doc.bold, qtyRight, doc.y);
      doc.page.right(unitHeader, doc.bold, unitRight - gap / 2, doc.y);
    }
    doc.page.right(amountHeader, doc.bold, amountRight, doc.y);
    double headerRule = doc.y + doc.lead * 0.45;
    if (tableStyle != 1) {
      doc.page.rule(doc.margin, headerRule, doc.right, headerRule, tableStyle == 0 ? 1.0 : 0.8);
    }
    doc.y += doc.lead * 1.3;
    ArrayNode items = JsonNodeFactory.instance.arrayNode();
    for (Row row : rows) {
      String description = PageLayout.fit(row.description(), doc.body, descWidth);
      doc.page.left(description, doc.body, descX, doc.y);
      ObjectNode item = items.addObject();
      item.put("description", description);
      if (quantityColumns) {
        doc.page.right(doc.m.quantity(row.quantity()), doc.body, qtyRight, doc.y);
        doc.page.right(doc.money(row.unit(), symbolRows), doc.body, unitRight - gap / 2, doc.y);
        Money.putQuantity(item, row.quantity());
        item.put("unit_price", Money.truth(row.unit()));
      }
      doc.page.right(doc.money(row.amount(), symbolRows), doc.body, amountRight, doc.y);
      item.put("amount", Money.truth(row.amount()));
      if (tableStyle == 3) {
        double line = doc.y + doc.lead * 0.45;
        doc.page.rule(doc.margin, line, doc.right, line, 0.5);
      }
      doc.y += doc.lead * (tableStyle == 3 ? 1.15 : 1.0);
    }
    if (tableStyle == 3) {
      double bottom = doc.y - doc.lead * (1.15 - 0.45);
      double[] columns =
          quantityColumns
              ? new double[] {
                doc.margin,
                qtyRight - qtyWidth + gap / 2 - 3,
                qtyRight + gap / 4,
                unitRight + gap / 4,
                doc.right
              }
              : new double[] {doc.margin, unitRight + gap / 4, doc.right};
      for (double x : columns) {
        doc.page.rule(x, rowTop, x, bottom, 0.5);
      }
    } else if (tableStyle == 2) {
      doc.page.rule(doc.margin, doc.y - doc.lead * 0.55, doc.right, doc.y - doc.lead * 0.55, 0.8);
    }
    doc.y += doc.lead * 0.8;
    return new InvoiceTable(items, gap, amountRight, amountWidth, unitRight, unitWidth);
  }
}
