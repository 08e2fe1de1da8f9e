package dev.docsift.core.ocr.ppocr;

import dev.docsift.core.model.Box;

/**
 * Four corners of a text box in pixels: top left, top right, bottom right, bottom left, as
 * PaddleOCR orders a detected box.
 *
 * @param xs the corners' x, {@code (4)}
 * @param ys the corners' y, {@code (4)}
 */
record Quad(double[] xs, double[] ys) {
  Quad {
    if (xs.length != 4 || ys.length != 4) {
      throw new IllegalArgumentException("a quad has four corners");
    }
    xs = xs.clone();
    ys = ys.clone();
  }

  double x(int i) {
    return xs[i];
  }

  double y(int i) {
    return ys[i];
  }

  /**
   * The corners ordered as PaddleOCR's {@code order_points_clockwise}: top left has the smallest x
   * + y, bottom right the largest; of the other two, top right has the smaller y - x.
   */
  static Quad ordered(double[] xs, double[] ys) {
    int tl = 0;
    int br = 0;
    for (int i = 1; i < 4; i++) {
      if (xs[i] + ys[i] < xs[tl] + ys[tl]) {
        tl = i;
      }
      if (xs[i] + ys[i] > xs[br] + ys[br]) {
        br = i;
      }
    }
    if (tl == br) {
      br = (tl + 2) % 4; // all four sums equal: a degenerate box; any order will do
    }
    int a = -1;
    int b = -1;
    for (int i = 0; i < 4; i++) {
      if (i != tl && i != br) {
        if (a < 0) {
          a = i;
        } else {
          b = i;
        }
      }
    }
    int tr = ys[a] - xs[a] <= ys[b] - xs[b] ? a : b;
    int bl = tr == a ? b : a;
    return new Quad(
        new double[] {xs[tl], xs[tr], xs[br], xs[bl]},
        new double[] {ys[tl], ys[tr], ys[br], ys[bl]});
  }

  /** The width of the crop PaddleOCR cuts: the longer of the top and bottom edges, truncated. */
  int cropWidth() {
    return (int) Math.max(dist(0, 1), dist(2, 3));
  }

  /** The height of the crop: the longer of the left and right edges, truncated. */
  int cropHeight() {
    return (int) Math.max(dist(0, 3), dist(1, 2));
  }

  private double dist(int i, int j) {
    return Math.hypot(xs[i] - xs[j], ys[i] - ys[j]);
  }

  /** The angle of the top edge, degrees clockwise on screen (y grows downwards). */
  double topEdgeDegrees() {
    return Math.toDegrees(Math.atan2(ys[1] - ys[0], xs[1] - xs[0]));
  }

  /** This quad with every corner clipped into {@code [0, width - 1] x [0, height - 1]}. */
  Quad clip(int width, int height) {
    double[] x = new double[4];
    double[] y = new double[4];
    for (int i = 0; i < 4; i++) {
      x[i] = Math.max(0, Math.min(width - 1, xs[i]));
      y[i] = Math.max(0, Math.min(height - 1, ys[i]));
    }
    return new Quad(x, y);
  }

  /**
   * This quad on a page turned clockwise by a right angle, corners ordered again.
   *
   * @param degrees 0, 90, 180 or 270
   * @param width the page's width before the turn
   * @param height the page's height before the turn
   */
  Quad turn(int degrees, int width, int height) {
    double[] x = new double[4];
    double[] y = new double[4];
    for (int i = 0; i < 4; i++) {
      // As GreyImage.rotateClockwise moves pixels.
      switch (degrees) {
        case 0 -> {
          x[i] = xs[i];
          y[i] = ys[i];
        }
        case 90 -> {
          x[i] = height - 1 - ys[i];
          y[i] = xs[i];
        }
        case 180 -> {
          x[i] = width - 1 - xs[i];
          y[i] = height - 1 - ys[i];
        }
        case 270 -> {
          x[i] = ys[i];
          y[i] = width - 1 - xs[i];
        }
        default -> throw new IllegalArgumentException("not a right angle: " + degrees);
      }
    }
    return ordered(x, y);
  }

  /**
   * This quad on a page turned about its centre as {@code GreyImage.rotateSmall(degrees, paper)}
   * turns it, corners ordered again.
   *
   * @param degrees clockwise on screen
   * @param width the page's width
   * @param height the page's height
   */
  Quad rotateSmall(double degrees, int width, int height) {
    double rad = Math.toRadians(degrees);
    double cos = Math.cos(rad);
    double sin = Math.sin(rad);
    double cx = (width - 1) / 2.0;
    double cy = (height - 1) / 2.0;
    double[] x = new double[4];
    double[] y = new double[4];
    for (int i = 0; i < 4; i++) {
      // rotateSmall reads output (x, y) from source cx + dx cos + dy sin, cy - dx sin + dy cos;
      // this is its inverse.
      double sx = xs[i] - cx;
      double sy = ys[i] - cy;
      x[i] = cx + sx * cos - sy * sin;
      y[i] = cy + sx * sin + sy * cos;
    }
    return ordered(x, y);
  }

  /** The smallest pixel box holding the quad, inside a page of the size given. */
  Box bounds(int width, int height) {
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      minX = Math.min(minX, xs[i]);
      maxX = Math.max(maxX, xs[i]);
      minY = Math.min(minY, ys[i]);
      maxY = Math.max(maxY, ys[i]);
    }
    int left = clamp((int) Math.floor(minX), width);
    int top = clamp((int) Math.floor(minY), height);
    return new Box(
        left,
        top,
        Math.max(left, clamp((int) Math.ceil(maxX), width)),
        Math.max(top, clamp((int) Math.ceil(maxY), height)));
  }

  private static int clamp(int v, int max) {
    return Math.max(0, Math.min(max, v));
  }
}
