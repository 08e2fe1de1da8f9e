package dev.docsift.samples;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A page laid out in points (1/72 inch), before it is drawn at some resolution: text runs at
 * baselines, rules and shaded boxes. Text is measured with the same fractional metrics the renderer
 * uses, so what fits here fits on the image at any dpi.
 */
final class PageLayout {
  // Antialiased, fractional metrics: advances scale linearly with the dpi the page is drawn at.
  private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

  sealed interface Element permits Text, Rule, Shade {}

  /** A run of text; x is its left edge and baseline its baseline, in points. */
  record Text(String text, Font font, double x, double baseline) implements Element {}

  /** A straight line. */
  record Rule(double x0, double y0, double x1, double y1, double thickness) implements Element {}

  /** A filled rectangle in a grey level 0 (black) to 255 (white). */
  record Shade(double x, double y, double width, double height, int grey) implements Element {}

  private final double width;
  private double height;
  private final List<Element> elements = new ArrayList<>();

  PageLayout(double width, double height) {
    this.width = width;
    this.height = height;
  }

  double width() {
    return width;
  }

  double height() {
    return height;
  }

  /** Sets the height of a page whose length follows its content, such as a till roll. */
  void height(double points) {
    this.height = points;
  }

  List<Element> elements() {
    return Collections.unmodifiableList(elements);
  }

  static double measure(String text, Font font) {
    return font.getStringBounds(text, FRC).getWidth();
  }

  /** Draws text from x; returns its width. */
  double left(String text, Font font, double x, double baseline) {
    double w = measure(text, font);
    add(new Text(text, font, x, baseline), x, w);
    return w;
  }

  /** Draws text ending at xRight. */
  void right(String text, Font font, double xRight, double baseline) {
    double w = measure(text, font);
    add(new Text(text, font, xRight - w, baseline), xRight - w, w);
  }

  /** Draws text centred on cx. */
  void center(String text, Font font, double cx, double baseline) {
    double w = measure(text, font);
    add(new Text(text, font, cx - w / 2, baseline), cx - w / 2, w);
  }

  void rule(double x0, double y0, double x1, double y1, double thickness) {
    elements.add(new Rule(x0, y0, x1, y1, thickness));
  }

  void shade(double x, double y, double w, double h, int grey) {
    elements.add(new Shade(x, y, w, h, grey));
  }

  private void add(Text text, double x, double w) {
    // A value cut off by the page edge would make the truth a lie: refuse it at layout time.
    if (x < 0 || x + w > width + 1e-6) {
      throw new IllegalStateException("text runs off the page: \"" + text.text() + "\"");
    }
    elements.add(text);
  }

  /**
   * Checks that every element lies within the page's height.
   *
   * @throws IllegalStateException when something is below the bottom edge
   */
  void checkFits() {
    for (Element e : elements) {
      if (e instanceof Text t && t.baseline() > height) {
        throw new IllegalStateException("text below the page: \"" + t.text() + "\"");
      }
    }
  }

  /**
   * The longest prefix of text, cut at a word boundary, that fits in maxWidth.
   *
   * @return text itself when it fits
   */
  static String fit(String text, Font font, double maxWidth) {
    String s = text;
    while (measure(s, font) > maxWidth) {
      int cut = s.lastIndexOf(' ');
      if (cut <= 0) {
        while (s.length() > 1 && measure(s, font) > maxWidth) {
          s = s.substring(0, s.length() - 1);
        }
        return s;
      }
      s = s.substring(0, cut);
    }
    return s;
  }

  /** The largest size from points down to minPoints at which text fits in maxWidth. */
  static Font shrinkToFit(String text, Font font, double maxWidth, float minPoints) {
    Font f = font;
    while (f.getSize2D() > minPoints && measure(text, f) > maxWidth) {
      f = f.deriveFont(f.getSize2D() - 0.5f);
    }
    return f;
  }
}
