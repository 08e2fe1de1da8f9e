package dev.docsift.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tile regions, tile subsets and ink measurement: what pruning decides with. */
class PruningSupportTest {
  @Test
  void regionsCoverTheGridRowByRowAndTheThumbnailIsTheWholePage() {
    TiledImage tiled = Tiler.mississippi().tile(SyntheticImages.cells(896, 1344, 2, 3));
    assertThat(tiled.tileCount()).isEqualTo(7);
    assertThat(tiled.region(0)).isEqualTo(new TileRegion(0, 0, 0.5, 1.0 / 3));
    assertThat(tiled.region(1)).isEqualTo(new TileRegion(0.5, 0, 1, 1.0 / 3));
    assertThat(tiled.region(5)).isEqualTo(new TileRegion(0.5, 2.0 / 3, 1, 1));
    assertThat(tiled.region(6)).isEqualTo(TileRegion.WHOLE_PAGE);
    assertThat(tiled.region(2).overlaps(0.1, 0.4, 0.2, 0.5)).isTrue();
    assertThat(tiled.region(2).overlaps(0.6, 0.4, 0.7, 0.5)).isFalse();
    assertThatThrownBy(() -> tiled.region(7)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void pixelsOfTakesTheTilesAskedInOrder() {
    TiledImage tiled = Tiler.mississippi().tile(SyntheticImages.cells(896, 1344, 2, 3));
    float[] two = tiled.pixelsOf(new int[] {4, 1});
    int size = 3 * 448 * 448;
    // Arrays.equals, not AssertJ's containsExactly: that is quadratic on 600k values.
    assertThat(Arrays.equals(Arrays.copyOfRange(two, 0, size), tiled.tile(4))).isTrue();
    assertThat(Arrays.equals(Arrays.copyOfRange(two, size, 2 * size), tiled.tile(1))).isTrue();
    assertThat(Arrays.equals(tiled.tile(4), tiled.tile(1))).as("distinct cells").isFalse();
  }

  @Test
  void blankNoisyPaperMeasuresNoInkAndPrintDoes() {
    // A page of slightly noisy off-white paper with one line of small print in its top third.
    BufferedImage page = new BufferedImage(1240, 1754, BufferedImage.TYPE_BYTE_GRAY);
    Random rng = new Random(7);
    var raster = page.getRaster();
    for (int y = 0; y < page.getHeight(); y++) {
      for (int x = 0; x < page.getWidth(); x++) {
        raster.setSample(x, y, 0, 235 + rng.nextInt(21) - 10);
      }
    }
    Graphics2D g = page.createGraphics();
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 22));
    g.drawString("TOTAL 9.00   Thank you for shopping with us", 60, 200);
    g.dispose();
    Tiler tiler = Tiler.mississippi();
    TiledImage tiled = tiler.tile(page);
    double[] ink = tiler.inkFractions(tiled, 0.5);
    assertThat(ink).hasSize(tiled.tileCount());
    for (int t = 0; t < tiled.grid().tiles(); t++) {
      boolean printed = tiled.region(t).overlaps(60 / 1240.0, 180 / 1754.0, 0.5, 205 / 1754.0);
      if (printed) {
        assertThat(ink[t]).as("tile %d holds the print", t).isGreaterThan(0.002);
      } else {
        assertThat(ink[t]).as("tile %d is blank paper", t).isLessThan(0.0005);
      }
    }
    assertThatThrownBy(() -> tiler.inkFractions(tiled, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
