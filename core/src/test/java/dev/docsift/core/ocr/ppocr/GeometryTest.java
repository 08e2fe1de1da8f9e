package dev.docsift.core.ocr.ppocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeometryTest {
  @Test
  void hullOfASquareWithInnerPointsIsItsFourCorners() {
    double[] xs = {0, 10, 10, 0, 5, 3, 7};
    double[] ys = {0, 0, 10, 10, 5, 2, 8};
    double[][] hull = Geometry.convexHull(xs, ys, xs.length);
    assertThat(hull[0]).hasSize(4);
    assertThat(hull[0]).containsExactlyInAnyOrder(0.0, 10.0, 10.0, 0.0);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 3, 17, 45, 80, -30})
  void minAreaRectOfATurnedRectangleIsThatRectangle(double degrees) {
    // A 100 x 20 rectangle's corners and edge points, turned about (200, 150).
    double rad = Math.toRadians(degrees);
    double[] xs = new double[40];
    double[] ys = new double[40];
    int n = 0;
    for (int i = 0; i <= 10; i++) {
      for (double v : new double[] {-10, 10}) {
        double u = -50 + 10 * i;
        xs[n] = 200 + u * Math.cos(rad) - v * Math.sin(rad);
        ys[n++] = 150 + u * Math.sin(rad) + v * Math.cos(rad);
      }
    }
    Geometry.Rect rect = Geometry.minAreaRect(Geometry.convexHull(xs, ys, n));
    assertThat(rect.area()).isCloseTo(2000, within(1e-6));
    assertThat(Math.max(rect.length(), rect.breadth())).isCloseTo(100, within(1e-6));
    assertThat(rect.shortSide()).isCloseTo(20, within(1e-6));
    assertThat(rect.cx()).isCloseTo(200, within(1e-6));
    assertThat(rect.cy()).isCloseTo(150, within(1e-6));
  }

  @Test
  void unclipGrowsEachSideByAreaTimesRatioOverPerimeter() {
    Geometry.Rect rect = new Geometry.Rect(50, 10, 1, 0, 100, 20);
    Geometry.Rect grown = Geometry.unclip(rect, 1.5);
    double d = 2000 * 1.5 / 240; // 12.5
    assertThat(grown.length()).isCloseTo(100 + 2 * d, within(1e-9));
    assertThat(grown.breadth()).isCloseTo(20 + 2 * d, within(1e-9));
    assertThat(grown.cx()).isEqualTo(50);
  }

  @Test
  void miniBoxOrdersCornersTopLeftTopRightBottomRightBottomLeft() {
    Quad q = Geometry.miniBox(new Geometry.Rect(50, 10, 1, 0, 100, 20));
    assertThat(q.xs()).containsExactly(0, 100, 100, 0);
    assertThat(q.ys()).containsExactly(0, 0, 20, 20);
    assertThat(q.cropWidth()).isEqualTo(100);
    assertThat(q.cropHeight()).isEqualTo(20);
  }

  @Test
  void quadTurnsFollowThePage() {
    Quad q = new Quad(new double[] {10, 50, 50, 10}, new double[] {5, 5, 15, 15});
    // On a 100 x 40 page turned a quarter clockwise, (x, y) goes to (39 - y, x).
    Quad turned = q.turn(90, 100, 40);
    assertThat(turned.bounds(40, 100)).isEqualTo(new dev.docsift.core.model.Box(24, 10, 34, 50));
    Quad back = q.turn(180, 100, 40).turn(180, 100, 40);
    assertThat(back.xs()).containsExactly(q.xs());
    assertThat(back.ys()).containsExactly(q.ys());
  }
}
