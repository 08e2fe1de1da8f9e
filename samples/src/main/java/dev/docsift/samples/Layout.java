package dev.docsift.samples;

import java.awt.Font;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a receipt and an invoice lay out with: the seed's random stream, the market, the fonts, the
 * page with its margins and line spacing, and the pen's position {@code y} going down the page. A
 * layout draws its {@link Style} in its own order before constructing this, so both documents keep
 * their sequence of random draws; the pieces of a layout (its item table, its totals) draw through
 * the same instance.
 */
abstract class Layout {
  /**
   * The look a layout chose before drawing anything.
   *
   * @param market the market whose formats and wording are used
   * @param face the type family
   * @param size the body text size in points
   * @param page the page to draw on
   * @param margin the left and right margin in points
   * @param lead the distance between lines in points
   * @param grouping whether amounts group their thousands
   */
  record Style(
      Market market,
      FontFace face,
      float size,
      PageLayout page,
      double margin,
      double lead,
      boolean grouping) {}

  final Rng r;
  final Market m;
  final FontFace face;
  final Font body;
  final Font bold;
  final double margin;
  final double right;
  final double lead;
  final PageLayout page;
  final boolean grouping;
  double y;

  Layout(Rng r, Style style) {
    this.r = r;
    this.m = style.market();
    this.face = style.face();
    this.body = face.font(style.size(), false);
    this.bold = face.font(style.size(), true);
    this.margin = style.margin();
    this.page = style.page();
    this.right = page.width() - margin;
    this.lead = style.lead();
    this.grouping = style.grouping();
  }

  /** An amount in the market's format, with its currency symbol when asked. */
  final String money(BigDecimal value, boolean symbol) {
    String s = m.amount(value, grouping);
    return symbol ? m.withSymbol(s) : s;
  }

  /**
   * Prints lines at x in the body font, each cut to width, one per line; returns them as printed.
   */
  final List<String> block(List<String> lines, double x, double width) {
    List<String> printed = new ArrayList<>();
    for (String line : lines) {
      String fitted = PageLayout.fit(line, body, width);
      page.left(fitted, body, x, y);
      printed.add(fitted);
      y += lead;
    }
    return printed;
  }
}
