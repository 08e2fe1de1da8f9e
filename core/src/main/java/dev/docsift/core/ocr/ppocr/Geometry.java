package dev.docsift.core.ocr.ppocr;

import java.util.Arrays;

/**
 * The plane geometry of PaddleOCR's DB post-processing without OpenCV: the convex hull, the
 * minimum-area rectangle ({@code cv2.minAreaRect}, by rotating calipers over the hull), its corners
 * in {@code get_mini_boxes}' order, and the unclip offset.
 */
final class Geometry {
  private Geometry() {}

  /**
   * A rotated rectangle.
   *
   * @param cx centre x
   * @param cy centre y
   * @param ux the unit vector along the first side, x
   * @param uy the unit vector along the first side, y
   * @param length the first side's length
   * @param breadth the other side's length
   */
  record Rect(double cx, double cy, double ux, double uy, double length, double breadth) {
    double shortSide() {
      return Math.min(length, breadth);
    }

    double area() {
      return length * breadth;
    }

    /** The same rectangle grown by {@code d} on every side. */
    Rect grow(double d) {
      return new Rect(cx, cy, ux, uy, length + 2 * d, breadth + 2 * d);
    }

    /** The corners, in no particular order. */
    double[][] corners() {
      double hx = ux * length / 2;
      double hy = uy * length / 2;
      // The perpendicular (-uy, ux) carries the breadth.
      double vx = -uy * breadth / 2;
      double vy = ux * breadth / 2;
      return new double[][] {
        {cx - hx - vx, cx + hx - vx, cx + hx + vx, cx - hx + vx},
        {cy - hy - vy, cy + hy - vy, cy + hy + vy, cy - hy + vy}
      };
    }
  }

  /**
   * The convex hull of points, counter-clockwise in a y-up frame (Andrew's monotone chain).
   *
   * @param xs x of the points
   * @param ys y of the points
   * @param n how many points
   * @return {@code [xs, ys]} of the hull's vertices, no three collinear
   */
  static double[][] convexHull(double[] xs, double[] ys, int n) {
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> xs[a] != xs[b] ? Double.compare(xs[a], xs[b]) : Double.compare(ys[a], ys[b]));
    int[] hull = new int[2 * n + 1];
    int k = 0;
    for (int idx = 0; idx < n; idx++) {
      int p = order[idx];
      while (k >= 2 && cross(xs, ys, hull[k - 2], hull[k - 1], p) <= 0) {
        k--;
      }
      hull[k++] = p;
    }
    for (int idx = n - 2, lower = k + 1; idx >= 0; idx--) {
      int p = order[idx];
      while (k >= lower && cross(xs, ys, hull[k - 2], hull[k - 1], p) <= 0) {
        k--;
      }
      hull[k++] = p;
    }
    int size = n <= 1 ? n : k - 1; // the last point repeats the first
    double[] hx = new double[size];
    double[] hy = new double[size];
    for (int i = 0; i < size; i++) {
      hx[i] = xs[hull[i]];
      hy[i] = ys[hull[i]];
    }
    return new double[][] {hx, hy};
  }

  private static double cross(double[] xs, double[] ys, int o, int a, int b) {
    return (xs[a] - xs[o]) * (ys[b] - ys[o]) - (ys[a] - ys[o]) * (xs[b] - xs[o]);
  }

  /**
   * The rectangle of least area holding a convex polygon: one of its sides lies along an edge of
   * the polygon, so each edge is tried.
   *
   * @param hull a convex polygon's vertices, as {@link #convexHull} gives them
   * @return the rectangle; for one point or a segment, a rectangle of zero breadth
   */
  static Rect minAreaRect(double[][] hull) {
    double[] xs = hull[0];
    double[] ys = hull[1];
    int n = xs.length;
    if (n == 0) {
      return new Rect(0, 0, 1, 0, 0, 0);
    }
    if (n == 1) {
      return new Rect(xs[0], ys[0], 1, 0, 0, 0);
    }
    Rect best = null;
    double bestArea = Double.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      int j = (i + 1) % n;
      double ex = xs[j] - xs[i];
      double ey = ys[j] - ys[i];
      double len = Math.hypot(ex, ey);
      if (len == 0) {
        continue;
      }
      double ux = ex / len;
      double uy = ey / len;
      double minU = Double.MAX_VALUE;
      double maxU = -Double.MAX_VALUE;
      double minV = Double.MAX_VALUE;
      double maxV = -Double.MAX_VALUE;
      for (int k = 0; k < n; k++) {
        double u = xs[k] * ux + ys[k] * uy;
        double v = -xs[k] * uy + ys[k] * ux;
        minU = Math.min(minU, u);
        maxU = Math.max(maxU, u);
        minV = Math.min(minV, v);
        maxV = Math.max(maxV, v);
      }
      double area = (maxU - minU) * (maxV - minV);
      if (area < bestArea - 1e-9) {
        bestArea = area;
        double cu = (minU + maxU) / 2;
        double cv = (minV + maxV) / 2;
        // Back from (u, v) to (x, y): x = u ux - v uy, y = u uy + v ux.
        best = new Rect(cu * ux - cv * uy, cu * uy + cv * ux, ux, uy, maxU - minU, maxV - minV);
      }
    }
    return best != null ? best : new Rect(xs[0], ys[0], 1, 0, 0, 0); // all points coincide
  }

  /**
   * The corners of a rectangle in the order of PaddleOCR's {@code get_mini_boxes}: sorted by x, the
   * left pair gives top left and bottom left by y, the right pair top right and bottom right.
   */
  static Quad miniBox(Rect rect) {
    double[][] c = rect.corners();
    Integer[] order = {0, 1, 2, 3};
    Arrays.sort(order, (a, b) -> Double.compare(c[0][a], c[0][b]));
    int i1;
    int i4;
    if (c[1][order[1]] > c[1][order[0]]) {
      i1 = order[0];
      i4 = order[1];
    } else {
      i1 = order[1];
      i4 = order[0];
    }
    int i2;
    int i3;
    if (c[1][order[3]] > c[1][order[2]]) {
      i2 = order[2];
      i3 = order[3];
    } else {
      i2 = order[3];
      i3 = order[2];
    }
    return new Quad(
        new double[] {c[0][i1], c[0][i2], c[0][i3], c[0][i4]},
        new double[] {c[1][i1], c[1][i2], c[1][i3], c[1][i4]});
  }

  /**
   * PaddleOCR's unclip for a rectangle: pyclipper offsets the polygon outwards by {@code d = area *
   * ratio / perimeter} with round joins, and the minimum-area rectangle of that is the rectangle
   * grown by {@code d} on every side, exactly.
   *
   * @param rect the shrunk text region DB predicts
   * @param ratio PaddleOCR's {@code unclip_ratio}
   * @return the grown rectangle
   */
  static Rect unclip(Rect rect, double ratio) {
    double perimeter = 2 * (rect.length() + rect.breadth());
    if (perimeter == 0) {
      return rect;
    }
    return rect.grow(rect.area() * ratio / perimeter);
  }
}
