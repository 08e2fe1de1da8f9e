package dev.docsift.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TilerTest {

  private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] STD = {0.229f, 0.224f, 0.225f};

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"448,448", "50,40", "896,448", "2480,3508", "600,3000", "100,5000", "5000,100"})
  void thumbnailOnlyWhenMoreThanOneTile(int width, int height) {
    TiledImage tiled =
        Tiler.mississippi().tile(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB));
    assertEquals(tiled.grid().tiles() > 1, tiled.hasThumbnail());
    assertEquals(tiled.grid().tiles() + (tiled.hasThumbnail() ? 1 : 0), tiled.tileCount());
    assertTrue(tiled.tileCount() <= TilingPolicy.MISSISSIPPI_0_8B.maxOutputTiles());
    assertArrayEquals(new long[] {tiled.tileCount(), 3, 448, 448}, tiled.shape());
  }

  @Test
  void thumbnailOffGivesGridTilesOnly() {
    Tiler tiler = new Tiler(new TilingPolicy(448, 1, 6, false), PixelNormalization.IMAGENET);
    TiledImage tiled = tiler.tile(new BufferedImage(2480, 3508, BufferedImage.TYPE_INT_RGB));
    assertEquals(new TileGrid(2, 3), tiled.grid());
    assertFalse(tiled.hasThumbnail());
    assertEquals(6, tiled.tileCount());
  }

  @ParameterizedTest(name = "min {0} max {1}")
  @CsvSource({"1,1", "1,6", "2,4", "3,3", "4,12", "6,6"})
  void minAndMaxRespected(int min, int max) {
    TilingPolicy policy = new TilingPolicy(448, min, max, true);
    List<TileGrid> candidates = policy.candidates();
    assertFalse(candidates.isEmpty());
    for (TileGrid g : candidates) {
      assertTrue(g.tiles() >= min && g.tiles() <= max, g.toString());
    }
    int[][] sizes = {
      {1, 1}, {50, 40}, {448, 448}, {2480, 3508}, {100, 5000}, {5000, 100}, {9000, 9000}
    };
    for (int[] size : sizes) {
      TileGrid g = policy.chooseGrid(size[0], size[1]);
      assertTrue(g.tiles() >= min && g.tiles() <= max, g + " for " + size[0] + "x" + size[1]);
    }
  }

  @Test
  void candidatesSortedByTileCount() {
    List<TileGrid> c = TilingPolicy.MISSISSIPPI_0_8B.candidates();
    for (int i = 1; i < c.size(); i++) {
      assertTrue(c.get(i - 1).tiles() <= c.get(i).tiles());
    }
    assertEquals(14, c.size()); // 1 + 2 + 2 + 3 + 2 + 4 grids of 1..6 tiles
  }

  @Test
  void tieRuleUsesStrictAreaComparison() {
    // A square page ties (1,1) with (2,2); (2,2) wins only when area > 0.5 * 448² * 4.
    TilingPolicy p = TilingPolicy.MISSISSIPPI_0_8B;
    assertEquals(new TileGrid(1, 1), p.chooseGrid(633, 633)); // 400689 < 401408
    assertEquals(new TileGrid(2, 2), p.chooseGrid(634, 634)); // 401956 > 401408
    // Ratio 2.5 lies exactly between 2/1 and 3/1.
    assertEquals(new TileGrid(3, 1), p.chooseGrid(1000, 400));
    assertEquals(new TileGrid(2, 1), p.chooseGrid(500, 200)); // 100000 < 301056
  }

  @Test
  void cropsRowByRow() {
    // 2 x 3 grid exactly: every tile must be one solid cell, in row-major order.
    int cols = 2;
    int rows = 3;
    TiledImage tiled = Tiler.mississippi().tile(SyntheticImages.cells(896, 1344, cols, rows));
    assertEquals(new TileGrid(cols, rows), tiled.grid());
    int s = 448;
    for (int t = 0; t < cols * rows; t++) {
      float[] tile = tiled.tile(t);
      int rgb = SyntheticImages.cellColour(t);
      for (int c = 0; c < 3; c++) {
        float expected = (((rgb >> (16 - 8 * c)) & 0xff) / 255f - MEAN[c]) / STD[c];
        // Centre of the tile, away from the bicubic blur across cell borders.
        float actual = tile[(c * s + s / 2) * s + s / 2];
        assertEquals(expected, actual, 1e-5, "tile " + t + " channel " + c);
      }
    }
  }

  @Test
  void greyInputGivesThreeEqualChannels() {
    BufferedImage grey = new BufferedImage(300, 700, BufferedImage.TYPE_BYTE_GRAY);
    var raster = grey.getRaster();
    for (int y = 0; y < 700; y++) {
      for (int x = 0; x < 300; x++) {
        raster.setSample(x, y, 0, (x * 3 + y) % 256);
      }
    }
    TiledImage tiled = Tiler.mississippi().tile(grey);
    TiledImage asRgb = Tiler.mississippi().tile(SyntheticImages.toRgb(grey));
    int plane = 448 * 448;
    for (int t = 0; t < tiled.tileCount(); t++) {
      float[] tile = tiled.tile(t);
      for (int i = 0; i < plane; i++) {
        float r = tile[i] * STD[0] + MEAN[0];
        float g = tile[plane + i] * STD[1] + MEAN[1];
        float b = tile[2 * plane + i] * STD[2] + MEAN[2];
        assertEquals(r, g, 1e-5);
        assertEquals(r, b, 1e-5);
      }
    }
    // Raw grey values, not Java's gamma-converted getRGB() ones.
    assertArrayEquals(asRgb.pixels(), tiled.pixels(), 1e-5f);
  }

  @Test
  void sameSizeIsIdentity() {
    BufferedImage img = SyntheticImages.pattern(448, 448);
    TiledImage tiled = Tiler.mississippi().tile(img);
    assertEquals(1, tiled.tileCount());
    int rgb = img.getRGB(17, 301);
    float expectedG = (((rgb >> 8) & 0xff) / 255f - MEAN[1]) / STD[1];
    assertEquals(expectedG, tiled.tile(0)[(448 + 301) * 448 + 17], 1e-6);
  }

  @Test
  void msacCutsTheSecondGridThenTheFirstThenTheThumbnail() {
    TilingPolicy policy = new TilingPolicy(448, 1, 6, true, true);
    assertEquals(13, policy.maxOutputTiles());
    TiledImage tiled =
        new Tiler(policy, PixelNormalization.IMAGENET)
            .tile(new BufferedImage(2480, 3508, BufferedImage.TYPE_INT_RGB));
    // Portrait A4: 2x3 first; the second pass may use no 1- or 2-column or 1- or 3-row grid of
    // 3 to 6 tiles, which leaves 3x2 only.
    assertEquals(new TileGrid(2, 3), tiled.grid());
    assertEquals(new TileGrid(3, 2), tiled.secondGrid());
    assertEquals(13, tiled.tileCount());
    assertEquals(6, tiled.secondGridTiles());
    assertEquals(6, tiled.gridTiles());
    assertEquals(new TileRegion(1.0 / 3, 0, 2.0 / 3, 0.5), tiled.region(1));
    assertEquals(new TileRegion(0.5, 0, 1, 1.0 / 3), tiled.region(7));
    assertEquals(TileRegion.WHOLE_PAGE, tiled.region(12));
    // A square page: a 1x1 first pass contributes no tile of its own.
    TiledImage square =
        new Tiler(policy, PixelNormalization.IMAGENET)
            .tile(new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB));
    assertEquals(new TileGrid(1, 1), square.grid());
    assertEquals(new TileGrid(2, 2), square.secondGrid());
    assertEquals(5, square.tileCount());
    assertEquals(0, square.gridTiles());
    assertEquals(TileRegion.WHOLE_PAGE, square.region(4));
  }

  @ParameterizedTest(name = "{0}x{1}, msac {2}")
  @CsvSource({
    "2480,3508,false", "600,3000,false", "50,40,false", "5000,100,false",
    "2480,3508,true", "600,3000,true", "50,40,true", "900,2700,true"
  })
  void outputTilesCountsWhatTheTilerCuts(int width, int height, boolean msac) {
    TilingPolicy policy = new TilingPolicy(448, 1, 6, true, msac);
    TiledImage tiled =
        new Tiler(policy, PixelNormalization.IMAGENET)
            .tile(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB));
    assertEquals(tiled.tileCount(), policy.outputTiles(width, height));
  }

  @Test
  void atMostChoosesAmongTheSmallerGridsOnly() {
    TilingPolicy policy = TilingPolicy.MISSISSIPPI_0_8B;
    assertSame(policy, policy.atMost(6));
    assertSame(policy, policy.atMost(12));
    TilingPolicy three = policy.atMost(3);
    assertEquals(new TilingPolicy(448, 1, 3, true), three);
    // A very tall page would take 1x6; capped at three tiles it takes the tallest grid left.
    assertEquals(new TileGrid(1, 6), policy.chooseGrid(300, 3000));
    assertEquals(new TileGrid(1, 3), three.chooseGrid(300, 3000));
    assertEquals(4, three.outputTiles(300, 3000));
    // The fewest tiles come down with the cap, so a cap below them still leaves a grid.
    assertEquals(new TilingPolicy(448, 2, 2, true), new TilingPolicy(448, 4, 6, true).atMost(2));
    assertThrows(IllegalArgumentException.class, () -> policy.atMost(0));
  }

  @Test
  void invalidSettingsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new TilingPolicy(448, 2, 6, true, true));
    assertThrows(IllegalArgumentException.class, () -> new TilingPolicy(448, 1, 6, false, true));
    assertThrows(IllegalArgumentException.class, () -> new TilingPolicy(0, 1, 6, true));
    assertThrows(IllegalArgumentException.class, () -> new TilingPolicy(448, 0, 6, true));
    assertThrows(IllegalArgumentException.class, () -> new TilingPolicy(448, 7, 6, true));
    assertThrows(IllegalArgumentException.class, () -> new TileGrid(0, 1));
    assertThrows(
        IllegalArgumentException.class, () -> TilingPolicy.MISSISSIPPI_0_8B.chooseGrid(0, 5));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PixelNormalization(new float[] {0, 0, 0}, new float[] {1, 0, 1}));
  }

  @Test
  void deterministic() {
    BufferedImage img = SyntheticImages.pattern(700, 300);
    assertEquals(Tiler.mississippi().tile(img), Tiler.mississippi().tile(img));
  }

  @Test
  void a4PageTiming() {
    BufferedImage page = SyntheticImages.pattern(2480, 3508);
    Tiler tiler = Tiler.mississippi();
    tiler.tile(page); // warm-up
    int runs = 3;
    long start = System.nanoTime();
    TiledImage tiled = null;
    for (int i = 0; i < runs; i++) {
      tiled = tiler.tile(page);
    }
    double ms = (System.nanoTime() - start) / 1e6 / runs;
    assertEquals(7, tiled.tileCount());
    System.out.printf("A4 2480x3508 -> %d tiles in %.0f ms (one thread)%n", tiled.tileCount(), ms);
  }
}
