package dev.docsift.core.slm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.core.model.BBox;
import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrLine;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.vision.TileGrid;
import dev.docsift.vision.TiledImage;
import dev.docsift.vision.TilingPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class TilePrunerTest {
  private static final TiledImage TWO_BY_THREE =
      new TiledImage(new TileGrid(2, 3), 448, true, new float[7 * 3 * 448 * 448]);
  private static final TileChoice WHOLE = TileChoice.whole(TilingPolicy.MISSISSIPPI_0_8B);

  private static OcrPage wordAt(int x, int y) {
    OcrWord w = new OcrWord("TOTAL", new Box(x, y, x + 50, y + 20), 0.9);
    return new OcrPage(1, 1000, 1500, List.of(OcrLine.of(List.of(w))), 0, 0);
  }

  @Test
  void aTileIsKeptForInkOrForAWordAndTheThumbnailAlways() {
    double[] ink = {0.01, 0, 0, 0, 0, 0, 0};
    // A word in the bottom-right cell (x 500..1000, y 1000..1500): faint, but OCR read it.
    assertThat(TilePruner.keep(TWO_BY_THREE, ink, wordAt(800, 1200), WHOLE))
        .containsExactly(0, 5, 6);
  }

  @Test
  void wordsAreFoundInTheTilesOfACrop() {
    // Tiles cut from the page's right half: the word at x 800 of 1000 is in that half's right
    // column, the one at x 100 is outside the crop altogether.
    TileChoice rightHalf = new TileChoice(new BBox(0.5, 0, 1, 1), TilingPolicy.MISSISSIPPI_0_8B);
    double[] ink = new double[7];
    assertThat(TilePruner.keep(TWO_BY_THREE, ink, wordAt(800, 1200), rightHalf))
        .containsExactly(5, 6);
    assertThat(TilePruner.keep(TWO_BY_THREE, ink, wordAt(100, 1200), rightHalf)).containsExactly(6);
  }

  @Test
  void aBlankPageKeepsOneTile() {
    TiledImage single = new TiledImage(new TileGrid(1, 1), 448, false, new float[3 * 448 * 448]);
    OcrPage empty = new OcrPage(1, 448, 448, List.of(), 0, 0);
    assertThat(TilePruner.keep(single, new double[] {0}, empty, WHOLE)).containsExactly(0);
  }
}
