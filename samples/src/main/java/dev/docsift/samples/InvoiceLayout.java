package dev.docsift.samples;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Font;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out one invoice: seller block, title, number and dates, bill-to block, item table, totals
 * and footer, with placement, wording and formats drawn from the seed. The parties come from {@link
 * InvoiceParties} and the item table from {@link InvoiceTable}.
 */
final class InvoiceLayout extends Layout {
  private enum CurrencyMark {
    NONE,
    SYMBOL_ALL,
    SYMBOL_TOTALS,
    CODE_HEADER,
    CODE_META,
    CODE_TOTAL
  }

  private final CurrencyMark mark;
  private final boolean colons;

  private InvoiceLayout(Rng r) {
    super(r, style(r));
    this.mark = r.pick(CurrencyMark.values());
    this.colons = r.chance(0.75);
  }

  private static Style style(Rng r) {
    Market m = r.pick(Market.values());
    boolean letter = m.letterPaper ? r.chance(0.85) : r.chance(0.1);
    PageLayout page = letter ? new PageLayout(612, 792) : new PageLayout(595.3, 841.9);
    FontFace face = r.chance(0.1) ? r.pick(FontFace.MONOSPACED) : r.pick(FontFace.PROPORTIONAL);
    float size = r.stepped(10, 11.5, 0.5);
    double margin = r.stepped(40, 64, 2);
    double lead = size * r.between(1.3, 1.6);
    boolean grouping = m != Market.CH && r.chance(0.75);
    return new Style(m, face, size, page, margin, lead, grouping);
  }

  static Draft make(Rng r) {
    return new InvoiceLayout(r).build();
  }

  private Draft build() {
    // What is printed.
    InvoiceParties.Party seller = InvoiceParties.seller(r, m);
    InvoiceParties.Party buyer = InvoiceParties.buyer(r, m);
    Dates.Style dateStyle = r.pick(Dates.styles(m, true));
    LocalDate issued = Dates.unambiguous(Dates.date(r), dateStyle);
    String number = invoiceNumber(issued.getYear());
    LocalDate due = null;
    if (r.chance(0.8)) {
      due = Dates.unambiguous(issued.plusDays(r.pick(7, 14, 14, 30, 30, 30, 45, 60)), dateStyle);
    }
    List<InvoiceTable.Row> rows = InvoiceTable.rows(r);
    boolean quantityColumns = r.chance(0.85);
    BigDecimal subtotal =
        rows.stream().map(InvoiceTable.Row::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    boolean taxed = r.chance(m == Market.US ? 0.7 : 0.93);
    BigDecimal rate = new BigDecimal(r.pick(m.taxRates));
    BigDecimal tax = taxed ? Money.taxOn(subtotal, rate) : null;
    BigDecimal total = taxed ? subtotal.add(tax) : subtotal;
    boolean subtotalShown = taxed || r.chance(0.5);

    // Top: seller on the left, maybe the title and the details on the right.
    int titleStyle = r.between(0, 2); // 0 top right, 1 left under the seller, 2 centred
    int metaStyle = r.between(0, 2); // 0 right-hand block, 1 inline lines, 2 label above value
    double metaColumn =
        (page.width() - 2 * margin) / (3 + (mark == CurrencyMark.CODE_META ? 1 : 0));
    double metaX = page.width() * r.between(0.55, 0.6);
    double leftWidth = metaX - margin - 14;
    String title = r.pick("INVOICE", "INVOICE", "Invoice", "TAX INVOICE");
    Font titleFont = face.font(r.stepped(18, 28, 1), true);
    Font nameFont = face.font(body.getSize2D() + r.stepped(3, 9, 1), true);
    nameFont = PageLayout.shrinkToFit(seller.name(), nameFont, leftWidth, body.getSize2D());
    y = margin + Math.max(nameFont.getSize2D(), titleStyle == 0 ? titleFont.getSize2D() : 0);
    double top = y;
    String sellerName = PageLayout.fit(seller.name(), nameFont, leftWidth);
    page.left(sellerName, nameFont, margin, y);
    y += lead * 1.2;
    List<String> sellerLines = block(seller.lines(), margin, leftWidth);
    String sellerTax = null;
    List<String> extras = new ArrayList<>(seller.extras());
    if (seller.taxId() != null) {
      String line = seller.taxId()[0] + (colons ? ": " : " ") + seller.taxId()[1];
      if (PageLayout.measure(line, body) <= leftWidth) {
        extras.add(r.nextInt(extras.size() + 1), line);
        sellerTax = seller.taxId()[1];
      }
    }
    block(extras, margin, leftWidth);
    double leftBottom = y;

    List<String[]> meta = new ArrayList<>();
    meta.add(
        new String[] {
          label(
              r.pick(
                  "Invoice No", "Invoice No.", "Invoice #", "Invoice Number", "Inv No", "Number")),
          number
        });
    meta.add(
        new String[] {
          label(r.pick("Invoice Date", "Date", "Issue Date", "Date of Issue")),
          dateStyle.format(issued)
        });
    if (due != null) {
      meta.add(
          new String[] {
            label(r.pick("Due Date", "Payment Due", "Due", "Pay By")), dateStyle.format(due)
          });
    }
    if (mark == CurrencyMark.CODE_META) {
      meta.add(new String[] {label("Currency"), m.currency});
    }

    double rightBottom = top;
    if (titleStyle == 0) {
      page.right(title, titleFont, right, top);
      rightBottom = top + lead * 1.5;
      if (metaStyle == 0) {
        y = rightBottom;
        metaBlock(meta, metaX);
        rightBottom = y;
      }
    }
    y = Math.max(leftBottom, rightBottom) + lead;
    if (titleStyle != 0) {
      y += titleFont.getSize2D() * 0.5;
      if (titleStyle == 1) {
        page.left(title, titleFont, margin, y);
      } else {
        page.center(title, titleFont, page.width() / 2, y);
      }
      y += lead * 1.8;
    }
    if (metaStyle == 2
        && meta.stream().anyMatch(p -> PageLayout.measure(p[1], body) > metaColumn - 8)) {
      metaStyle = 1; // a long date would run into the next column: one pair per line instead
    }
    if (metaStyle == 1) {
      for (String[] pair : meta) {
        page.left(pair[0] + " " + pair[1], body, margin, y);
        y += lead;
      }
      y += lead * 0.5;
    } else if (metaStyle == 2) {
      double column = metaColumn;
      for (int i = 0; i < meta.size(); i++) {
        String l = meta.get(i)[0].replace(":", "");
        page.left(PageLayout.fit(l, bold, column - 6), bold, margin + i * column, y);
        page.left(meta.get(i)[1], body, margin + i * column, y + lead);
      }
      y += lead * 2.5;
    }

    // Bill to, with the details beside it when they have not been placed yet.
    double billTop = y;
    boolean metaBeside = metaStyle == 0 && titleStyle != 0;
    double billWidth = metaBeside ? leftWidth : right - margin;
    page.left(
        r.pick("Bill To:", "BILL TO", "Billed To:", "Invoice To:", "Customer:", "To:"),
        bold,
        margin,
        y);
    y += lead;
    String buyerName = PageLayout.fit(buyer.name(), body, billWidth);
    page.left(buyerName, body, margin, y);
    y += lead;
    List<String> buyerLines = block(buyer.lines(), margin, billWidth);
    String buyerTax = null;
    if (buyer.taxId() != null) {
      String line = buyer.taxId()[0] + (colons ? ": " : " ") + buyer.taxId()[1];
      if (PageLayout.measure(line, body) <= billWidth) {
        page.left(line, body, margin, y);
        y += lead;
        buyerTax = buyer.taxId()[1];
      }
    }
    if (metaBeside) {
      double billBottom = y;
      y = billTop;
      metaBlock(meta, metaX);
      y = Math.max(y, billBottom);
    }
    y += lead * 1.5;

    // The item table.
    InvoiceTable table =
        InvoiceTable.draw(
            this,
            rows,
            total,
            quantityColumns,
            mark == CurrencyMark.CODE_HEADER,
            mark == CurrencyMark.SYMBOL_ALL);
    double gap = table.gap();
    double amountRight = table.amountRight();
    double amountWidth = table.amountWidth();
    double unitRight = table.unitRight();
    double unitWidth = table.unitWidth();

    // Totals.
    boolean symbolTotals = mark == CurrencyMark.SYMBOL_ALL || mark == CurrencyMark.SYMBOL_TOTALS;
    String rateText = m.quantity(rate) + "%";
    String taxLabel =
        r.pick(
            r.pick(m.taxLabels) + " " + rateText,
            r.pick(m.taxLabels) + " (" + rateText + ")",
            r.pick(m.taxLabels) + " @ " + rateText,
            r.pick(m.taxLabels));
    String totalLabel =
        r.pick(
            "Total",
            "TOTAL",
            "Total Due",
            "Amount Due",
            "Grand Total",
            "Balance Due",
            "Invoice Total");
    String totalAmount = money(total, symbolTotals);
    if (mark == CurrencyMark.CODE_TOTAL) {
      if (r.chance(0.5)) {
        totalLabel = totalLabel + " (" + m.currency + ")";
      } else {
        totalAmount = m.withCode(totalAmount);
      }
    }
    List<String[]> totals = new ArrayList<>();
    if (subtotalShown) {
      totals.add(
          new String[] {
            label(
                r.pick(
                    "Subtotal", "Sub Total", "Net Total", "Subtotal excl. " + r.pick(m.taxLabels))),
            money(subtotal, symbolTotals)
          });
    }
    if (taxed) {
      totals.add(new String[] {label(taxLabel), money(tax, symbolTotals)});
    }
    totals.add(new String[] {label(totalLabel), totalAmount});
    Font totalFont = r.chance(0.4) ? face.font(body.getSize2D() + 1.5f, true) : bold;
    double labelsWidth = 0;
    for (String[] t : totals) {
      labelsWidth = Math.max(labelsWidth, PageLayout.measure(t[0], totalFont));
    }
    double labelX =
        Math.min(unitRight - unitWidth + 4, amountRight - amountWidth - labelsWidth - gap);
    boolean labelsRightAligned = r.chance(0.4);
    for (int i = 0; i < totals.size(); i++) {
      boolean last = i == totals.size() - 1;
      Font f = last ? totalFont : body;
      if (last) {
        if (r.chance(0.5)) {
          page.rule(labelX, y - lead * 0.8, amountRight, y - lead * 0.8, 0.8);
        }
        y += f.getSize2D() - body.getSize2D();
      }
      if (labelsRightAligned) {
        page.right(totals.get(i)[0], f, amountRight - amountWidth, y);
      } else {
        page.left(totals.get(i)[0], f, labelX, y);
      }
      page.right(totals.get(i)[1], f, amountRight, y);
      y += lead;
    }

    // Footer.
    y += lead * 1.5;
    List<String> footer = new ArrayList<>();
    if (r.chance(0.6)) {
      footer.add(
          r.pick(
              "Thank you for your business.",
              "Thank you for your custom!",
              "We appreciate your business."));
    }
    if (r.chance(0.6)) {
      footer.add(
          m == Market.US
              ? "Bank: First Union  Routing " + r.digits(9) + "  Account " + r.digits(10)
              : "IBAN: "
                  + (m == Market.UK ? "GB" : m.name())
                  + r.digits(2)
                  + " "
                  + r.digits(4)
                  + " "
                  + r.digits(4)
                  + " "
                  + r.digits(4)
                  + " "
                  + r.digits(4));
    }
    if (due != null && r.chance(0.3)) {
      footer.add("Please pay by the due date, quoting the invoice number.");
    }
    double footerY = Math.max(y, page.height() - margin - lead * footer.size());
    for (String line : footer) {
      page.left(PageLayout.fit(line, body, right - margin), body, margin, footerY);
      footerY += lead;
    }
    page.checkFits();

    ObjectNode truth = JsonNodeFactory.instance.objectNode();
    truth.put("invoice_number", number);
    truth.put("issue_date", issued.toString());
    if (due != null) {
      truth.put("due_date", due.toString());
    }
    truth.set("seller", InvoiceParties.truth(sellerName, sellerLines, sellerTax));
    truth.set("buyer", InvoiceParties.truth(buyerName, buyerLines, buyerTax));
    if (mark != CurrencyMark.NONE) {
      truth.put("currency", m.currency);
    }
    truth.set("items", table.items());
    if (subtotalShown) {
      truth.put("subtotal", Money.truth(subtotal));
    }
    if (taxed) {
      truth.put("tax", Money.truth(tax));
    }
    truth.put("total", Money.truth(total));
    return new Draft(page, truth, false);
  }

  private String invoiceNumber(int year) {
    return switch (r.between(0, 5)) {
      case 0 -> "INV-" + year + "-" + r.digits(4);
      case 1 -> year + "/" + r.digits(4);
      case 2 -> String.valueOf(r.between(10000, 99999));
      case 3 -> "A-" + r.digits(5);
      case 4 -> "INV" + r.digits(5);
      default -> year + "-" + r.digits(3);
    };
  }

  private String label(String text) {
    return colons ? text + ":" : text;
  }

  /** Label and value rows: labels from x, values right-aligned at the margin. */
  private void metaBlock(List<String[]> meta, double x) {
    boolean valuesRight = r.chance(0.6);
    double labelWidth = 0;
    for (String[] pair : meta) {
      labelWidth = Math.max(labelWidth, PageLayout.measure(pair[0], bold));
    }
    for (String[] pair : meta) {
      page.left(pair[0], bold, x, y);
      if (valuesRight) {
        page.right(pair[1], body, right, y);
      } else {
        page.left(pair[1], body, x + labelWidth + 8, y);
      }
      y += lead;
    }
  }
}
