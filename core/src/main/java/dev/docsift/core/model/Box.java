package dev.docsift.core.model;

/**
 * A rectangle in pixels, origin top left, right and bottom exclusive.
 *
 * @param left first column
 * @param top first row
 * @param right column after the last
 * @param bottom row after the last
 */
public record Box(int left, int top, int right, int bottom) {
  /** Validates. */
  public Box {
    if (right < left || bottom < top) {
      throw new IllegalArgumentException(
          "inverted box: " + left + "," + top + "," + right + "," + bottom);
    }
  }

  public int width() {
    return right - left;
  }

  public int height() {
    return bottom - top;
  }

  /** The vertical centre. */
  public double centerY() {
    return (top + bottom) / 2.0;
  }

  /** The horizontal centre. */
  public double centerX() {
    return (left + right) / 2.0;
  }

  /** The smallest box holding both. */
  public Box union(Box other) {
    return new Box(
        Math.min(left, other.left),
        Math.min(top, other.top),
        Math.max(right, other.right),
        Math.max(bottom, other.bottom));
  }

  /** How many rows the two boxes share. */
  public int verticalOverlap(Box other) {
    return Math.max(0, Math.min(bottom, other.bottom) - Math.max(top, other.top));
  }

  /** How many columns the two boxes share. */
  public int horizontalOverlap(Box other) {
    return Math.max(0, Math.min(right, other.right) - Math.max(left, other.left));
  }

  /**
   * This box as fractions of a page.
   *
   * @param pageWidth the page's width in pixels
   * @param pageHeight the page's height in pixels
   * @return the normalised box
   */
  public BBox normalize(int pageWidth, int pageHeight) {
    return new BBox(
        clamp((double) left / pageWidth),
        clamp((double) top / pageHeight),
        clamp((double) right / pageWidth),
        clamp((double) bottom / pageHeight));
  }

  private static double clamp(double v) {
    return Math.max(0.0, Math.min(1.0, v));
  }
}
