package dev.docsift.core.ocr.ppocr;

import dev.docsift.core.model.Box;
import dev.docsift.core.ocr.GreyImage;

/**
 * A text box cut out of the page and straightened, as PaddleOCR's {@code get_rotate_crop_image}
 * cuts it, with the way back from its pixels to the page's.
 *
 * @param pixels {@code (height, width)} grey values, row-major
 * @param width columns
 * @param height rows
 * @param quad the box on the page
 * @param quarterTurns how many times the cut was turned a quarter counter-clockwise after cutting
 *     (1 for a box taller than wide, as {@code np.rot90}), plus 2 when the direction classifier
 *     turned it half round
 */
record Crop(byte[] pixels, int width, int height, Quad quad, int quarterTurns) {
  /**
   * Cuts a quad out of the page: a perspective warp of the quad onto a {@link Quad#cropWidth()} x
   * {@link Quad#cropHeight()} rectangle, bicubic, edges replicated; a result at least 1.5 times as
   * tall as wide is turned a quarter counter-clockwise, so that vertical text lies down.
   */
  static Crop cut(GreyImage page, Quad quad) {
    int w = Math.max(1, quad.cropWidth());
    int h = Math.max(1, quad.cropHeight());
    Homography map = Homography.unitSquareTo(quad);
    byte[] src = page.pixels();
    int pw = page.width();
    int ph = page.height();
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      double v = (double) y / h;
      for (int x = 0; x < w; x++) {
        double[] p = map.apply((double) x / w, v);
        out[y * w + x] = (byte) bicubic(src, pw, ph, p[0], p[1]);
      }
    }
    Crop crop = new Crop(out, w, h, quad, 0);
    return (double) h / w >= 1.5 ? crop.quarterTurn() : crop;
  }

  /** The crop's pixels as an image (shared, not copied). */
  GreyImage image() {
    return new GreyImage(pixels, width, height);
  }

  /** This crop turned a quarter counter-clockwise, as {@code np.rot90}. */
  Crop quarterTurn() {
    byte[] out = new byte[pixels.length];
    // new[i][j] = old[j][w - 1 - i]: the new image is h wide and w tall.
    for (int i = 0; i < width; i++) {
      for (int j = 0; j < height; j++) {
        out[i * height + j] = pixels[j * width + (width - 1 - i)];
      }
    }
    return new Crop(out, height, width, quad, quarterTurns + 1);
  }

  /** This crop turned half round, as {@code cv2.rotate(img, ROTATE_180)}. */
  Crop halfTurn() {
    byte[] out = new byte[pixels.length];
    for (int i = 0, j = pixels.length - 1; i < pixels.length; i++, j--) {
      out[j] = pixels[i];
    }
    // Two half turns make none: the flag toggles.
    return new Crop(
        out, width, height, quad, quarterTurns >= 2 ? quarterTurns - 2 : quarterTurns + 2);
  }

  /** Whether the direction classifier turned this crop half round. */
  boolean turnedHalf() {
    return quarterTurns >= 2;
  }

  /**
   * Where a point of this crop lies on the page.
   *
   * @param x column in this crop (continuous, 0 to {@link #width()})
   * @param y row in this crop (continuous, 0 to {@link #height()})
   * @return {@code {x, y}} on the page
   */
  double[] toPage(double x, double y) {
    int w = width;
    int h = height;
    // Undo the turns, last first, back to the frame of the warp.
    if (quarterTurns >= 2) {
      x = w - x;
      y = h - y;
    }
    if (quarterTurns % 2 == 1) {
      // A quarter counter-clockwise turn of a w0 x h0 cut made it h0 wide and w0 tall:
      // new (x', y') came from old (w0 - y', x'), and w0 is this crop's height.
      double ox = h - y;
      double oy = x;
      x = ox;
      y = oy;
      int tmp = w;
      w = h;
      h = tmp;
    }
    return Homography.unitSquareTo(quad).apply(x / w, y / h);
  }

  /**
   * The page box of a span of this crop's columns, over its full height.
   *
   * @param x0 first column (continuous)
   * @param x1 column after the last (continuous)
   * @param pageWidth the page's width, to clip to
   * @param pageHeight the page's height, to clip to
   * @return the smallest page box holding the span's four corners
   */
  Box spanOnPage(double x0, double x1, int pageWidth, int pageHeight) {
    double[] a = toPage(x0, 0);
    double[] b = toPage(x1, 0);
    double[] c = toPage(x1, height);
    double[] d = toPage(x0, height);
    return new Quad(new double[] {a[0], b[0], c[0], d[0]}, new double[] {a[1], b[1], c[1], d[1]})
        .bounds(pageWidth, pageHeight);
  }

  /** OpenCV's bicubic kernel (a = -0.75), the border replicated. */
  private static double bicubic(byte[] src, int w, int h, double x, double y) {
    int ix = (int) Math.floor(x);
    int iy = (int) Math.floor(y);
    double fx = x - ix;
    double fy = y - iy;
    double[] wx = weights(fx);
    double[] wy = weights(fy);
    double sum = 0;
    for (int j = 0; j < 4; j++) {
      int yy = Math.max(0, Math.min(h - 1, iy - 1 + j));
      int row = yy * w;
      double rowSum = 0;
      for (int i = 0; i < 4; i++) {
        int xx = Math.max(0, Math.min(w - 1, ix - 1 + i));
        rowSum += wx[i] * (src[row + xx] & 0xff);
      }
      sum += wy[j] * rowSum;
    }
    return Math.max(0, Math.min(255, Math.round(sum)));
  }

  private static double[] weights(double t) {
    final double a = -0.75;
    double[] w = new double[4];
    w[0] = ((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a;
    w[1] = ((a + 2) * t - (a + 3)) * t * t + 1;
    w[2] = ((a + 2) * (1 - t) - (a + 3)) * (1 - t) * (1 - t) + 1;
    w[3] = 1 - w[0] - w[1] - w[2];
    return w;
  }

  /**
   * The projective map of the unit square onto a quad: (0, 0) to corner 0, (1, 0) to 1, (1, 1) to
   * 2, (0, 1) to 3 (Heckbert's square-to-quad), what {@code cv2.getPerspectiveTransform} gives for
   * the crop's rectangle scaled to the unit square.
   */
  record Homography(
      double a, double b, double c, double d, double e, double f, double g, double h) {
    static Homography unitSquareTo(Quad q) {
      double x0 = q.x(0);
      double x1 = q.x(1);
      double x2 = q.x(2);
      double x3 = q.x(3);
      double y0 = q.y(0);
      double y1 = q.y(1);
      double y2 = q.y(2);
      double y3 = q.y(3);
      double sx = x0 - x1 + x2 - x3;
      double sy = y0 - y1 + y2 - y3;
      if (Math.abs(sx) < 1e-9 && Math.abs(sy) < 1e-9) {
        return new Homography(x1 - x0, x3 - x0, x0, y1 - y0, y3 - y0, y0, 0, 0);
      }
      double dx1 = x1 - x2;
      double dx2 = x3 - x2;
      double dy1 = y1 - y2;
      double dy2 = y3 - y2;
      double den = dx1 * dy2 - dx2 * dy1;
      if (Math.abs(den) < 1e-12) {
        return new Homography(x1 - x0, x3 - x0, x0, y1 - y0, y3 - y0, y0, 0, 0);
      }
      double g = (sx * dy2 - dx2 * sy) / den;
      double h = (dx1 * sy - sx * dy1) / den;
      return new Homography(
          x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h);
    }

    double[] apply(double u, double v) {
      double z = g * u + h * v + 1;
      return new double[] {(a * u + b * v + c) / z, (d * u + e * v + f) / z};
    }
  }
}
