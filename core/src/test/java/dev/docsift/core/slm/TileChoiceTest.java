package dev.docsift.core.slm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.docsift.core.model.BBox;
import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrLine;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.vision.TileGrid;
import dev.docsift.vision.TilingPolicy;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TileChoiceTest {
  private static final TilingPolicy POLICY = TilingPolicy.MISSISSIPPI_0_8B;
  private static final int A4_W = 2480;
  private static final int A4_H = 3508;

  /** A page whose confident words span {@code x0..x1} by {@code y0..y1}, plus some noise. */
  private static OcrPage words(int width, int height, int x0, int y0, int x1, int y1) {
    List<OcrWord> w = new ArrayList<>();
    w.add(new OcrWord("STORE", new Box(x0, y0, x0 + 200, y0 + 40), 0.9));
    w.add(new OcrWord("TOTAL", new Box(x1 - 200, y1 - 40, x1, y1), 0.8));
    // Read off the table's grain: too unsure, or a single mark, so they do not stretch the crop.
    w.add(new OcrWord("~~~", new Box(0, 0, 60, 30), 0.2));
    w.add(new OcrWord("|", new Box(width - 20, height - 60, width, height), 0.95));
    return new OcrPage(1, width, height, List.of(OcrLine.of(w)), 0, 0);
  }

  @Test
  void aReceiptOnAScannerBedIsCutToItsWordsOnFewerTiles() {
    OcrPage ocr = words(A4_W, A4_H, 900, 300, 1500, 3200);
    TileChoice c = TileChoice.of(POLICY, A4_W, A4_H, ocr);
    assertThat(c.cropped()).isTrue();
    double margin = 0.03 * A4_H;
    assertThat(c.region().x0()).isCloseTo((900 - margin) / A4_W, within(1e-3));
    assertThat(c.region().x1()).isCloseTo((1500 + margin) / A4_W, within(1e-3));
    assertThat(c.region().y0()).isCloseTo((300 - margin) / A4_H, within(1e-3));
    assertThat(c.region().y1()).isCloseTo((3200 + margin) / A4_H, within(1e-3));
    // The page takes 2x3 and a thumbnail. The crop is 810 x 3,110 px: on 1x1 or 1x2 its lines
    // would get fewer pixels than on the page's 3 rows over 3,508; 1x3 gives them more.
    assertThat(POLICY.outputTiles(A4_W, A4_H)).isEqualTo(7);
    BufferedImage crop = c.apply(new BufferedImage(A4_W, A4_H, BufferedImage.TYPE_BYTE_GRAY));
    assertThat(crop.getWidth()).isCloseTo((int) (600 + 2 * margin), within(2));
    assertThat(c.policy().maxTiles()).isEqualTo(3);
    assertThat(c.policy().chooseGrid(crop.getWidth(), crop.getHeight()))
        .isEqualTo(new TileGrid(1, 3));
    assertThat(c.policy().outputTiles(crop.getWidth(), crop.getHeight())).isEqualTo(4);
    assertThat(c.tiles(A4_W, A4_H)).isEqualTo(4);
  }

  @Test
  void aWideReceiptOnAScannerBedTakesTheFewestTilesThatKeepItsPrint() {
    // A 900 x 1,600 px receipt at the top of A4: its crop (with margins 1,110 x 1,810) is nearest
    // in shape to 2x3, as the page; capped at two tiles it is 1x2, which still has more pixels
    // per line than the page on 2x3.
    OcrPage ocr = words(A4_W, A4_H, 790, 150, 1690, 1750);
    TileChoice c = TileChoice.of(POLICY, A4_W, A4_H, ocr);
    assertThat(c.cropped()).isTrue();
    assertThat(c.policy().maxTiles()).isEqualTo(2);
    BufferedImage crop = c.apply(new BufferedImage(A4_W, A4_H, BufferedImage.TYPE_BYTE_GRAY));
    assertThat(c.policy().chooseGrid(crop.getWidth(), crop.getHeight()))
        .isEqualTo(new TileGrid(1, 2));
    assertThat(POLICY.chooseGrid(crop.getWidth(), crop.getHeight())).isEqualTo(new TileGrid(2, 3));
  }

  @Test
  void aPageFullOfWordsIsTiledWhole() {
    TileChoice c = TileChoice.of(POLICY, A4_W, A4_H, words(A4_W, A4_H, 150, 150, 2330, 3350));
    assertThat(c.cropped()).isFalse();
    assertThat(c.policy()).isSameAs(POLICY);
    BufferedImage page = new BufferedImage(A4_W, A4_H, BufferedImage.TYPE_BYTE_GRAY);
    assertThat(c.apply(page)).isSameAs(page);
    assertThat(c.tiles(A4_W, A4_H)).isEqualTo(7);
  }

  @Test
  void aCropThatWouldNeedAsManyTilesIsNotMade() {
    // A 1x2 page whose words are a narrow column: the crop's aspect would ask for 1x3, and capped
    // at the page's two tiles it is 1x2 again, so nothing is saved.
    TileChoice c = TileChoice.of(POLICY, 789, 1757, words(789, 1757, 300, 80, 500, 1680));
    assertThat(c.cropped()).isFalse();
  }

  @Test
  void aCropThatOnlyFewerTilesWouldShrinkIsNotMade() {
    // With its margin this crop is 1,002 x 2,402 px. Every cap from one to six tiles gives it 1x1
    // or 1x2 (nearest in shape), and 2 rows over 2,402 px are fewer pixels per line than the
    // page's 3 rows over 3,508: no grid saves tiles without shrinking the print.
    int margin = (int) Math.round(0.03 * A4_H);
    OcrPage ocr = words(A4_W, A4_H, 800, 500, 800 + 1000 - 2 * margin, 500 + 2400 - 2 * margin);
    assertThat(TileChoice.of(POLICY, A4_W, A4_H, ocr).cropped()).isFalse();
  }

  @Test
  void aCropIsSharperOnMoreTilesThanTheFewest() {
    // Words across the top 40 % of A4 (crop 2,210 x 1,500 px): up to three tiles InternVL picks
    // 1x1, which would halve the pixels per line; from four it picks 2x2, sharper than the page.
    TileChoice c = TileChoice.of(POLICY, A4_W, A4_H, words(A4_W, A4_H, 195, 105, 2195, 1395));
    assertThat(c.cropped()).isTrue();
    assertThat(c.policy().maxTiles()).isEqualTo(4);
  }

  @Test
  void aPageWithoutConfidentWordsIsTiledWhole() {
    OcrWord faint = new OcrWord("total", new Box(100, 100, 300, 140), 0.3);
    OcrPage ocr = new OcrPage(1, A4_W, A4_H, List.of(OcrLine.of(List.of(faint))), 0, 0);
    assertThat(TileChoice.of(POLICY, A4_W, A4_H, ocr).cropped()).isFalse();
    OcrPage empty = new OcrPage(1, A4_W, A4_H, List.of(), 0, 0);
    assertThat(TileChoice.of(POLICY, A4_W, A4_H, empty).cropped()).isFalse();
  }

  @Test
  void theOcrFrameNeedNotBeTheImages() {
    // OCR read a half-size rendering: the same words, the same crop of the full-size image.
    OcrPage half = words(A4_W / 2, A4_H / 2, 450, 150, 750, 1600);
    TileChoice c = TileChoice.of(POLICY, A4_W, A4_H, half);
    TileChoice full = TileChoice.of(POLICY, A4_W, A4_H, words(A4_W, A4_H, 900, 300, 1500, 3200));
    assertThat(c.region().x0()).isCloseTo(full.region().x0(), within(1e-3));
    assertThat(c.region().y1()).isCloseTo(full.region().y1(), within(1e-3));
  }

  @Test
  void everyCropSavesTilesAndKeepsThePrintAsSharpAsThePagesFinestGrid() {
    int cropped = 0;
    for (TilingPolicy policy : List.of(POLICY, new TilingPolicy(448, 1, 6, true, true))) {
      for (int x0 = 100; x0 < A4_W; x0 += 350) {
        for (int x1 = x0 + 300; x1 < A4_W; x1 += 350) {
          for (int y0 = 100; y0 < A4_H; y0 += 500) {
            for (int y1 = y0 + 300; y1 < A4_H; y1 += 500) {
              TileChoice c = TileChoice.of(policy, A4_W, A4_H, words(A4_W, A4_H, x0, y0, x1, y1));
              if (!c.cropped()) {
                continue;
              }
              cropped++;
              BufferedImage crop =
                  c.apply(new BufferedImage(A4_W, A4_H, BufferedImage.TYPE_BYTE_GRAY));
              int cw = crop.getWidth();
              int ch = crop.getHeight();
              assertThat(c.tiles(A4_W, A4_H)).isLessThan(policy.outputTiles(A4_W, A4_H));
              int[] page = finest(policy, A4_W, A4_H);
              int[] mine = finest(c.policy(), cw, ch);
              assertThat((double) mine[0] / cw).isGreaterThanOrEqualTo((double) page[0] / A4_W);
              assertThat((double) mine[1] / ch).isGreaterThanOrEqualTo((double) page[1] / A4_H);
            }
          }
        }
      }
    }
    assertThat(cropped).as("crops made").isGreaterThan(20);
  }

  private static int[] finest(TilingPolicy policy, int w, int h) {
    TileGrid g = policy.chooseGrid(w, h);
    TileGrid s = policy.msac() ? policy.chooseSecondGrid(w, h, g) : g;
    return new int[] {Math.max(g.cols(), s.cols()), Math.max(g.rows(), s.rows())};
  }

  @Test
  void boxesAreMappedIntoTheRegion() {
    TileChoice c = new TileChoice(new BBox(0.2, 0.5, 0.6, 1.0), POLICY);
    assertThat(c.inRegion(new BBox(0.4, 0.75, 0.6, 1.0)))
        .containsExactly(new double[] {0.5, 0.5, 1.0, 1.0}, within(1e-12));
    assertThat(c.inRegion(new BBox(0, 0, 0.2, 0.5)))
        .containsExactly(new double[] {-0.5, -1.0, 0.0, 0.0}, within(1e-12));
  }
}
