package dev.docsift.core.extract;

import dev.docsift.core.model.BBox;
import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrLine;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out text as OCR would report it: each word gets a plausible pixel box from its position, the
 * font height and a fixed character width; runs of three or more spaces split the text into
 * separate OCR lines, the way Tesseract splits a line at a wide gap.
 */
final class PageBuilder {
  private final int number;
  private final int width;
  private final int height;
  private final List<OcrLine> lines = new ArrayList<>();
  private double confidence = 0.9;

  private PageBuilder(int number, int width, int height) {
    this.number = number;
    this.width = width;
    this.height = height;
  }

  /** An A4 page at 300 dpi. */
  static PageBuilder a4(int number) {
    return new PageBuilder(number, 2480, 3508);
  }

  /** A till receipt. */
  static PageBuilder receipt() {
    return new PageBuilder(1, 900, 2400);
  }

  /** Sets the confidence of the words added next. */
  PageBuilder confidence(double c) {
    this.confidence = c;
    return this;
  }

  /** Text starting at x with its top at y, 40 px high. */
  PageBuilder text(int x, int y, String text) {
    return text(x, y, 40, text);
  }

  /** Text starting at x with its top at y and a font height. */
  PageBuilder text(int x, int y, int h, String text) {
    double cw = charWidth(h);
    List<OcrWord> current = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) == ' ') {
        int j = i;
        while (j < text.length() && text.charAt(j) == ' ') {
          j++;
        }
        if (j - i >= 3 && !current.isEmpty()) {
          lines.add(OcrLine.of(current));
          current = new ArrayList<>();
        }
        i = j;
        continue;
      }
      int j = i;
      while (j < text.length() && text.charAt(j) != ' ') {
        j++;
      }
      int left = x + (int) Math.round(i * cw);
      int right = x + (int) Math.round(j * cw);
      current.add(new OcrWord(text.substring(i, j), new Box(left, y, right, y + h), confidence));
      i = j;
    }
    if (!current.isEmpty()) {
      lines.add(OcrLine.of(current));
    }
    return this;
  }

  /** Text whose right edge is at xRight. */
  PageBuilder right(int xRight, int y, String text) {
    return text(xRight - (int) Math.round(text.length() * charWidth(40)), y, 40, text);
  }

  /** Text centred on the page. */
  PageBuilder center(int y, int h, String text) {
    int w = (int) Math.round(text.length() * charWidth(h));
    return text((width - w) / 2, y, h, text);
  }

  OcrPage build() {
    return new OcrPage(number, width, height, lines, 0, 0);
  }

  static double charWidth(int h) {
    return h * 0.6;
  }

  /**
   * The normalised box of the words of a page that read exactly {@code text} (several words
   * allowed, first match).
   */
  static BBox boxOf(OcrPage page, String text) {
    String[] parts = text.split(" ");
    List<OcrWord> words =
        page.words().stream()
            .sorted(
                java.util.Comparator.comparingInt((OcrWord w) -> w.box().top())
                    .thenComparingInt(w -> w.box().left()))
            .toList();
    for (int i = 0; i + parts.length <= words.size(); i++) {
      boolean ok = true;
      Box b = words.get(i).box();
      for (int k = 0; k < parts.length && ok; k++) {
        ok = words.get(i + k).text().equals(parts[k]);
        b = b.union(words.get(i + k).box());
      }
      if (ok) {
        return page.normalize(b);
      }
    }
    throw new AssertionError("no words \"" + text + "\" on the page");
  }
}
