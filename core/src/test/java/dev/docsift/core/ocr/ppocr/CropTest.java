package dev.docsift.core.ocr.ppocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.docsift.core.model.Box;
import dev.docsift.core.ocr.GreyImage;
import org.junit.jupiter.api.Test;

class CropTest {
  /** A 200 x 100 page, black where x is in [40, 80) and y in [20, 40), white elsewhere. */
  private static GreyImage page() {
    byte[] px = new byte[200 * 100];
    for (int y = 0; y < 100; y++) {
      for (int x = 0; x < 200; x++) {
        px[y * 200 + x] = (byte) (x >= 40 && x < 80 && y >= 20 && y < 40 ? 0 : 255);
      }
    }
    return new GreyImage(px, 200, 100);
  }

  @Test
  void anUprightBoxIsCutAsItIsAndMapsBackOntoItself() {
    Quad quad = new Quad(new double[] {30, 90, 90, 30}, new double[] {10, 10, 50, 50});
    Crop crop = Crop.cut(page(), quad);
    assertThat(crop.width()).isEqualTo(60);
    assertThat(crop.height()).isEqualTo(40);
    assertThat(crop.pixels()[20 * 60 + 30] & 0xff).isZero(); // page (60, 30): black
    assertThat(crop.pixels()[2 * 60 + 2] & 0xff).isEqualTo(255);
    assertThat(crop.toPage(0, 0)).containsExactly(30, 10);
    assertThat(crop.toPage(60, 40)).containsExactly(90, 50);
    assertThat(crop.spanOnPage(10, 50, 200, 100)).isEqualTo(new Box(40, 10, 80, 50));
  }

  @Test
  void aTallBoxIsLaidDownAndStillMapsBack() {
    Quad quad = new Quad(new double[] {40, 60, 60, 40}, new double[] {0, 0, 90, 90});
    Crop crop = Crop.cut(page(), quad);
    // 20 x 90 is tall: turned a quarter counter-clockwise to 90 x 20.
    assertThat(crop.width()).isEqualTo(90);
    assertThat(crop.height()).isEqualTo(20);
    // The crop's left edge is the box's top... its bottom-left corner the box's top-left.
    double[] p = crop.toPage(0, 20);
    assertThat(p[0]).isCloseTo(40, within(1e-9));
    assertThat(p[1]).isCloseTo(0, within(1e-9));
    double[] q = crop.toPage(90, 0);
    assertThat(q[0]).isCloseTo(60, within(1e-9));
    assertThat(q[1]).isCloseTo(90, within(1e-9));
    // A pixel of the crop and the page pixel it maps to agree.
    for (int y = 0; y < crop.height(); y++) {
      for (int x = 0; x < crop.width(); x++) {
        double[] at = crop.toPage(x, y);
        int px = (int) Math.round(at[0]);
        int py = (int) Math.round(at[1]);
        boolean black = px >= 40 && px < 80 && py >= 20 && py < 40;
        int v = crop.pixels()[y * crop.width() + x] & 0xff;
        if (px > 41 && px < 78 && (py < 18 || py > 22) && (py < 38 || py > 42)) {
          assertThat(v)
              .as("crop (%d, %d) -> page (%d, %d)", x, y, px, py)
              .isEqualTo(black ? 0 : 255);
        }
      }
    }
  }

  @Test
  void aHalfTurnedCropMapsItsCornersToTheOppositeOnes() {
    Quad quad = new Quad(new double[] {30, 90, 90, 30}, new double[] {10, 10, 50, 50});
    Crop crop = Crop.cut(page(), quad).halfTurn();
    assertThat(crop.turnedHalf()).isTrue();
    assertThat(crop.toPage(0, 0)).containsExactly(90, 50);
    assertThat(crop.toPage(60, 40)).containsExactly(30, 10);
  }

  @Test
  void aTurnedQuadIsCutThroughItsPerspective() {
    // A box turned by 30 degrees: the cut's corners land on the quad's corners.
    double rad = Math.toRadians(30);
    double[] xs = new double[4];
    double[] ys = new double[4];
    double[][] local = {{-30, -10}, {30, -10}, {30, 10}, {-30, 10}};
    for (int i = 0; i < 4; i++) {
      xs[i] = 100 + local[i][0] * Math.cos(rad) - local[i][1] * Math.sin(rad);
      ys[i] = 50 + local[i][0] * Math.sin(rad) + local[i][1] * Math.cos(rad);
    }
    Quad quad = new Quad(xs, ys);
    Crop crop = Crop.cut(page(), quad);
    double[] c = crop.toPage(crop.width() / 2.0, crop.height() / 2.0);
    assertThat(c[0]).isCloseTo(100, within(1.0));
    assertThat(c[1]).isCloseTo(50, within(1.0));
    assertThat(crop.toPage(0, 0)[0]).isCloseTo(xs[0], within(1e-9));
  }
}
