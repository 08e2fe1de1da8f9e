package dev.docsift.samples;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Font;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out one receipt: merchant header, date and time, item lines, totals, payment and footer,
 * with the choices of wording, alignment and format drawn from the seed. The item lines come from
 * {@link ReceiptItems}.
 */
final class ReceiptLayout extends Layout {
  private enum TaxMode {
    ADDED,
    INCLUDED,
    BREAKDOWN,
    NONE
  }

  private enum CurrencyMark {
    NONE,
    SYMBOL_ALL,
    SYMBOL_TOTAL,
    CODE_TOTAL,
    CODE_HEADER
  }

  private final boolean german;
  private final CurrencyMark mark;

  private ReceiptLayout(Rng r, Style style, boolean german) {
    super(r, style);
    this.german = german;
    this.mark =
        r.pick(
            CurrencyMark.NONE,
            CurrencyMark.NONE,
            CurrencyMark.SYMBOL_ALL,
            CurrencyMark.SYMBOL_TOTAL,
            CurrencyMark.CODE_TOTAL,
            CurrencyMark.CODE_HEADER);
    this.y = margin;
  }

  static Draft make(Rng r) {
    Market m = r.pick(Market.values());
    boolean german = m.germanSpeaking() && r.chance(0.5);
    boolean mono = r.chance(0.6);
    FontFace face = r.pick(mono ? FontFace.MONOSPACED : FontFace.PROPORTIONAL);
    float size = r.stepped(10, mono ? 11 : 12, 0.5);
    // 80 mm and 76 mm till rolls, or an A6 sheet.
    double width = r.pick(226.8, 215.4, 297.6);
    double margin = r.stepped(9, 16, 1);
    double lead = size * r.between(1.3, 1.55);
    PageLayout page = new PageLayout(width, Double.MAX_VALUE);
    boolean grouping = m != Market.CH && r.chance(0.6);
    Style style = new Style(m, face, size, page, margin, lead, grouping);
    return new ReceiptLayout(r, style, german).build();
  }

  private Draft build() {
    // Decide everything printed first, then lay it out, then write the truth in schema order.
    Shop shop = r.pick(Shop.values());
    String company = Names.shopName(r, shop);
    List<String> address = r.chance(0.92) ? Addresses.address(r, m, r.between(1, 3)) : List.of();
    Dates.Style dateStyle = r.pick(Dates.styles(m, false));
    LocalDate date = Dates.unambiguous(Dates.date(r), dateStyle);
    boolean hasTime = r.chance(0.8);
    Dates.TimeStyle timeStyle = Dates.timeStyle(r, m);
    LocalTime time = Dates.time(r);
    if (timeStyle.iso().equals("HH:mm")) {
      time = time.withSecond(0);
    }
    List<ReceiptItems.Line> lines = ReceiptItems.lines(r, shop, german);
    BigDecimal sum =
        lines.stream().map(ReceiptItems.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    TaxMode taxMode =
        m == Market.US
            ? (r.chance(0.85) ? TaxMode.ADDED : TaxMode.NONE)
            : r.pick(TaxMode.INCLUDED, TaxMode.INCLUDED, TaxMode.BREAKDOWN, TaxMode.NONE);
    BigDecimal rate = new BigDecimal(r.pick(m.taxRates));
    BigDecimal tax =
        switch (taxMode) {
          case ADDED -> Money.taxOn(sum, rate);
          case INCLUDED, BREAKDOWN -> Money.taxIn(sum, rate);
          case NONE -> null;
        };
    BigDecimal total = taxMode == TaxMode.ADDED ? sum.add(tax) : sum;

    // Header.
    Font nameFont = face.font(body.getSize2D() + r.stepped(3, 7, 0.5), true);
    nameFont = PageLayout.shrinkToFit(company, nameFont, right - margin, body.getSize2D());
    company = PageLayout.fit(company, nameFont, right - margin);
    y += nameFont.getSize2D();
    page.center(company, nameFont, page.width() / 2, y);
    y += nameFont.getSize2D() * 0.3 + lead;
    boolean centred = r.chance(0.8);
    List<String> printedAddress = new ArrayList<>();
    for (String a : address) {
      String line = PageLayout.fit(a, body, right - margin);
      printedAddress.add(line);
      headerLine(line, centred);
    }
    if (r.chance(0.6)) {
      headerLine(r.pick("Tel: ", "Tel. ", "Phone: ", "") + Addresses.phone(r, m), centred);
    }
    if (m != Market.US && r.chance(0.3)) {
      String[] id = Addresses.taxId(r, m);
      headerLine(PageLayout.fit(id[0] + ": " + id[1], body, right - margin), centred);
    }
    y += lead * 0.5;
    boolean dateAtTop = r.chance(0.8);
    if (dateAtTop) {
      dateBlock(dateStyle.format(date), hasTime ? timeStyle.format(time) : null);
    }
    if (r.chance(0.6)) {
      String ref =
          german
              ? r.pick("Bon-Nr. ", "Beleg ") + r.digits(4)
              : r.pick("Receipt #", "Trans: ", "Receipt No. ", "Order ")
                  + r.digits(r.between(4, 6));
      String who = null;
      if (r.chance(0.5)) {
        who =
            german
                ? "Kasse " + r.between(1, 9)
                : r.chance(0.5)
                    ? r.pick("Cashier: ", "Served by: ") + Names.personName(r).split(" ")[0]
                    : "Till " + r.between(1, 12);
      }
      if (who != null && PageLayout.measure(ref + "  " + who, body) < right - margin) {
        page.left(ref, body, margin, y);
        page.right(who, body, right, y);
      } else {
        page.left(PageLayout.fit(ref, body, right - margin), body, margin, y);
      }
      y += lead;
    }
    separator();

    // Items.
    ArrayNode items =
        ReceiptItems.draw(
            this,
            lines,
            total,
            german,
            mark == CurrencyMark.CODE_HEADER,
            mark == CurrencyMark.SYMBOL_ALL);
    separator();

    // Totals.
    double labelX = r.chance(0.7) ? margin : margin + (right - margin) * 0.3;
    boolean rateShown = r.chance(0.6);
    String taxLabel =
        (german ? "MwSt" : r.pick(m.taxLabels)) + (rateShown ? " " + m.quantity(rate) + "%" : "");
    switch (taxMode) {
      case ADDED -> {
        if (r.chance(0.85)) {
          totalLine(
              r.pick("Subtotal", "Sub Total", "SUBTOTAL"),
              money(sum, mark == CurrencyMark.SYMBOL_ALL),
              body,
              labelX);
        }
        totalLine(taxLabel, money(tax, mark == CurrencyMark.SYMBOL_ALL), body, labelX);
      }
      case BREAKDOWN -> {
        totalLine(
            german
                ? r.pick("Netto", "Zwischensumme")
                : r.pick("Net", "Subtotal excl. " + r.pick(m.taxLabels)),
            money(sum.subtract(tax), mark == CurrencyMark.SYMBOL_ALL),
            body,
            labelX);
        totalLine(taxLabel, money(tax, mark == CurrencyMark.SYMBOL_ALL), body, labelX);
      }
      case NONE -> {
        if (r.chance(0.3)) {
          totalLine(
              german ? "Zwischensumme" : "Subtotal",
              money(sum, mark == CurrencyMark.SYMBOL_ALL),
              body,
              labelX);
        }
      }
      case INCLUDED -> {}
    }
    String totalLabel =
        german
            ? r.pick("SUMME", "Summe", "Gesamt", "GESAMT")
            : r.pick(
                "TOTAL",
                "Total",
                "Grand Total",
                "TOTAL DUE",
                "Amount Due",
                "Balance Due",
                "To Pay");
    String totalAmount =
        money(total, mark == CurrencyMark.SYMBOL_ALL || mark == CurrencyMark.SYMBOL_TOTAL);
    if (mark == CurrencyMark.CODE_TOTAL) {
      if (r.chance(0.5)) {
        totalLabel = totalLabel + " " + m.currency;
      } else {
        totalAmount = m.withCode(totalAmount);
      }
    }
    Font totalFont = r.chance(0.35) ? face.font(body.getSize2D() + 2, true) : bold;
    y += totalFont.getSize2D() - body.getSize2D();
    totalLine(totalLabel, totalAmount, totalFont, labelX);
    if (taxMode == TaxMode.INCLUDED) {
      String label =
          german
              ? "enth. MwSt " + m.quantity(rate) + "%"
              : r.pick("incl. ", "Includes ", "Incl. ")
                  + r.pick(m.taxLabels)
                  + (rateShown ? " " + m.quantity(rate) + "%" : "");
      totalLine(label, money(tax, mark == CurrencyMark.SYMBOL_ALL), body, labelX);
    }
    y += lead * 0.5;

    // Payment.
    if (r.chance(0.6)) {
      if (r.chance(0.5)) {
        BigDecimal step = BigDecimal.valueOf(r.pick(5, 10, 20, 50));
        BigDecimal tendered =
            total.divide(step, 0, RoundingMode.CEILING).multiply(step).setScale(2);
        if (tendered.compareTo(total) == 0) {
          tendered = tendered.add(step);
        }
        totalLine(
            german ? "Bar" : r.pick("Cash", "CASH", "Cash Tendered"),
            money(tendered, false),
            body,
            labelX);
        totalLine(
            german ? "Rueckgeld" : r.pick("Change", "CHANGE"),
            money(tendered.subtract(total), false),
            body,
            labelX);
      } else {
        String card =
            german ? r.pick("EC-Karte", "Girocard") : r.pick("VISA", "Mastercard", "AMEX", "Debit");
        totalLine(card + " ****" + r.digits(4), money(total, false), body, labelX);
        if (r.chance(0.5)) {
          page.left("Auth code: " + r.digits(6), body, labelX, y);
          y += lead;
        }
      }
    }
    if (!dateAtTop) {
      y += lead * 0.5;
      dateBlock(dateStyle.format(date), hasTime ? timeStyle.format(time) : null);
    }

    // Footer.
    y += lead * 0.5;
    String thanks =
        german
            ? r.pick("Vielen Dank fuer Ihren Einkauf!", "Danke und bis bald!")
            : r.pick(
                "Thank you for shopping with us!",
                "Thank you!",
                "THANK YOU - PLEASE COME AGAIN",
                "Thanks for your visit",
                "Have a nice day!");
    page.center(PageLayout.fit(thanks, body, right - margin), body, page.width() / 2, y);
    y += lead;
    if (r.chance(0.4)) {
      page.center(
          PageLayout.fit(
              r.pick("Returns within 30 days with receipt", "Keep this receipt", "Customer copy"),
              body,
              right - margin),
          body,
          page.width() / 2,
          y);
      y += lead;
    }

    double height = y + margin + r.between(4, 30);
    if (page.width() > 250) {
      height = Math.max(height, 419.5); // an A6 sheet is at least 148 mm long
    }
    page.height(height);
    page.checkFits();

    ObjectNode truth = JsonNodeFactory.instance.objectNode();
    truth.put("company", company);
    if (!printedAddress.isEmpty()) {
      truth.put("address", String.join(", ", printedAddress));
    }
    truth.put("date", date.toString());
    if (hasTime) {
      truth.put("time", timeStyle.truth(time));
    }
    if (mark != CurrencyMark.NONE) {
      truth.put("currency", m.currency);
    }
    truth.set("items", items);
    if (tax != null) {
      truth.put("tax", Money.truth(tax));
    }
    truth.put("total", Money.truth(total));
    return new Draft(page, truth, page.width() < 250);
  }

  private void headerLine(String text, boolean centred) {
    if (centred) {
      page.center(text, body, page.width() / 2, y);
    } else {
      page.left(text, body, margin, y);
    }
    y += lead;
  }

  private void totalLine(String label, String amount, Font font, double labelX) {
    double room = right - labelX - PageLayout.measure(amount, font) - font.getSize2D();
    page.left(PageLayout.fit(label, font, room), font, labelX, y);
    page.right(amount, font, right, y);
    y += lead + (font.getSize2D() - body.getSize2D());
  }

  private void dateBlock(String date, String time) {
    String dateLabel = german ? "Datum: " : r.pick("Date: ", "DATE ", "");
    String timeLabel = german ? "Zeit: " : r.pick("Time: ", "TIME ", "");
    int style = time == null ? r.pick(0, 1) : r.between(0, 3);
    double gap = body.getSize2D() * 2;
    if (time != null
        && style != 2
        && PageLayout.measure(dateLabel + date + timeLabel + time, body) + gap > right - margin) {
      style = 2; // side by side they would touch: one under the other
    }
    switch (style) {
      case 0 -> {
        page.left(dateLabel + date, body, margin, y);
        if (time != null) {
          page.right(timeLabel + time, body, right, y);
        }
        y += lead;
      }
      case 1 -> {
        page.left(dateLabel + date + (time == null ? "" : "  " + time), body, margin, y);
        y += lead;
      }
      case 2 -> {
        page.left(dateLabel + date, body, margin, y);
        y += lead;
        page.left(timeLabel + time, body, margin, y);
        y += lead;
      }
      default -> {
        page.left(date, body, margin, y);
        page.right(time, body, right, y);
        y += lead;
      }
    }
  }

  private void separator() {
    y -= lead * 0.25;
    if (face.monospaced || r.chance(0.3)) {
      String c = r.pick("-", "=", "-", "*");
      int n = (int) ((right - margin) / PageLayout.measure(c, body));
      page.left(c.repeat(n), body, margin, y);
    } else {
      page.rule(margin, y - body.getSize2D() * 0.3, right, y - body.getSize2D() * 0.3, 0.8);
    }
    y += lead;
  }
}
