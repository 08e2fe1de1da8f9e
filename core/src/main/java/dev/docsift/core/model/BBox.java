package dev.docsift.core.model;

/**
 * A box as fractions of the page's width and height, origin top left, so it holds at any
 * resolution. Written in results as {@code [x0, y0, x1, y1]} rounded to four places.
 */
public record BBox(double x0, double y0, double x1, double y1) {
  /** The whole page. */
  public static final BBox WHOLE_PAGE = new BBox(0, 0, 1, 1);

  /** Validates. */
  public BBox {
    if (!(0 <= x0 && x0 <= x1 && x1 <= 1 && 0 <= y0 && y0 <= y1 && y1 <= 1)) {
      throw new IllegalArgumentException(
          "not a normalised box: " + x0 + "," + y0 + "," + x1 + "," + y1);
    }
  }

  /** The four numbers rounded to four places, as written in results. */
  public double[] toArray() {
    return new double[] {round(x0), round(y0), round(x1), round(y1)};
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
