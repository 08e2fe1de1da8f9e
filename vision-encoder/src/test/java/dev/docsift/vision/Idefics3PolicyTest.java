package dev.docsift.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class Idefics3PolicyTest {

  private static final Idefics3Policy SMOLVLM = Idefics3Policy.SMOLVLM_256M;

  @Test
  void longestEdgeResizeKeepsAspectAndEnlargesSmallPages() {
    assertEquals(new ImageSize(438, 2048), SMOLVLM.resizedSize(300, 1400));
    assertEquals(new ImageSize(2048, 1433), SMOLVLM.resizedSize(40, 28));
    assertEquals(new ImageSize(2048, 2048), SMOLVLM.resizedSize(2048, 2048));
  }

  @Test
  void sidesAreRoundedToTwoDecimalsBeforeTheFloor() {
    // 1000 * 2048 / 2001 = 1023.49: floored to 1023.
    assertEquals(new ImageSize(1023, 2048), SMOLVLM.resizedSize(1000, 2001));
    // 4 * 1000 / 1001 = 3.996: toFixed(2) makes it 4.00, so 4, where a plain floor gives 3.
    Idefics3Policy p = new Idefics3Policy(1000, 512, true, 1 / 255.0, SMOLVLM.normalization());
    assertEquals(new ImageSize(4, 1000), p.resizedSize(4, 1001));
  }

  @Test
  void encoderSizeRoundsUpToWholeTiles() {
    assertEquals(new ImageSize(512, 2048), SMOLVLM.encoderSize(new ImageSize(438, 2048)));
    assertEquals(new ImageSize(2048, 1536), SMOLVLM.encoderSize(new ImageSize(2048, 1433)));
    assertEquals(new ImageSize(2048, 512), SMOLVLM.encoderSize(new ImageSize(2048, 1)));
    assertEquals(new ImageSize(512, 512), SMOLVLM.encoderSize(new ImageSize(512, 300)));
  }

  @Test
  void aPageOfOneTileIsTheGlobalImageAlone() {
    Idefics3Policy small = new Idefics3Policy(512, 512, true, 1 / 255.0, SMOLVLM.normalization());
    Idefics3Tiles tiles =
        new Idefics3Preprocessor(small).preprocess(SyntheticImages.pattern(300, 200));
    assertEquals(0, tiles.rows());
    assertEquals(0, tiles.cols());
    assertEquals(1, tiles.tileCount());
  }

  @Test
  void withoutSplittingThePageIsSqueezedToOneTile() {
    Idefics3Policy noSplit =
        new Idefics3Policy(2048, 512, false, 1 / 255.0, SMOLVLM.normalization());
    Idefics3Tiles tiles =
        new Idefics3Preprocessor(noSplit).preprocess(SyntheticImages.pattern(600, 900));
    assertEquals(1, tiles.tileCount());
    assertEquals(3 * 512 * 512, tiles.pixels().length);
  }

  @Test
  void tilesAreNormalisedToMinusOneToOne() {
    BufferedImage white = new BufferedImage(100, 60, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 60; y++) {
      for (int x = 0; x < 100; x++) {
        white.setRGB(x, y, 0xffffff);
      }
    }
    Idefics3Tiles tiles = new Idefics3Preprocessor(SMOLVLM).preprocess(white);
    assertEquals(4, tiles.cols());
    assertEquals(3, tiles.rows());
    for (float v : tiles.pixels()) {
      assertTrue(v == 1f, "white is 1 after (1 - 0.5) / 0.5, got " + v);
    }
  }

  @Test
  void rejectsBadSettings() {
    PixelNormalization n = SMOLVLM.normalization();
    assertThrows(IllegalArgumentException.class, () -> new Idefics3Policy(0, 512, true, 1, n));
    assertThrows(IllegalArgumentException.class, () -> new Idefics3Policy(2048, 0, true, 1, n));
    assertThrows(IllegalArgumentException.class, () -> new Idefics3Policy(2048, 512, true, 0, n));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Idefics3Tiles(1, 0, 512, new ImageSize(1, 1), new float[3 * 512 * 512]));
  }
}
