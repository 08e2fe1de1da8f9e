package dev.docsift.core.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What OCR read on one page. Boxes are in the pixel frame of the page after orientation and skew
 * were corrected, whose size is {@code width} × {@code height}.
 *
 * @param number the 1-based page number
 * @param width the corrected page's width in pixels
 * @param height the corrected page's height in pixels
 * @param lines the lines in reading order, top to bottom
 * @param rotation the clockwise rotation applied to make the page upright: 0, 90, 180 or 270
 * @param skewDegrees the small skew that was corrected, in degrees
 */
public record OcrPage(
    int number, int width, int height, List<OcrLine> lines, int rotation, double skewDegrees) {
  /** Validates and copies. */
  public OcrPage {
    lines = List.copyOf(lines);
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("empty page");
    }
  }

  /** All words, line by line. */
  public List<OcrWord> words() {
    return lines.stream().flatMap(l -> l.words().stream()).toList();
  }

  /** The page's text, a line per line. */
  public String text() {
    return lines.stream().map(OcrLine::text).collect(Collectors.joining("\n"));
  }

  /** One line per OCR line with wide gaps kept (see {@link OcrLine#layoutText()}). */
  public String layoutText() {
    return lines.stream().map(OcrLine::layoutText).collect(Collectors.joining("\n"));
  }

  /** A box of this page as fractions of its size. */
  public BBox normalize(Box box) {
    return box.normalize(width, height);
  }

  /**
   * This page in another pixel frame of the same page: every box scaled.
   *
   * @param newWidth the other frame's width
   * @param newHeight the other frame's height
   * @return the page, or this one when the size is the same
   */
  public OcrPage scaledTo(int newWidth, int newHeight) {
    if (newWidth == width && newHeight == height) {
      return this;
    }
    double sx = (double) newWidth / width;
    double sy = (double) newHeight / height;
    List<OcrLine> scaled =
        lines.stream()
            .map(
                l ->
                    OcrLine.of(
                        l.words().stream()
                            .map(w -> new OcrWord(w.text(), scale(w.box(), sx, sy), w.confidence()))
                            .toList()))
            .toList();
    return new OcrPage(number, newWidth, newHeight, scaled, rotation, skewDegrees);
  }

  private static Box scale(Box b, double sx, double sy) {
    return new Box(
        (int) Math.floor(b.left() * sx),
        (int) Math.floor(b.top() * sy),
        (int) Math.ceil(b.right() * sx),
        (int) Math.ceil(b.bottom() * sy));
  }
}
