package dev.docsift.core.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.model.BBox;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.core.model.PageImage;
import dev.docsift.errors.ErrorCode;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real Tesseract on pages drawn here; skipped where Tesseract is not installed. */
class TesseractReaderTest {
  private static TesseractReader engine;
  private static BufferedImage letter;

  @BeforeAll
  static void startEngine() {
    try {
      engine = TesseractReader.create(OcrOptions.defaults().withPoolSize(2));
    } catch (DocsiftException e) {
      Assumptions.abort("Tesseract is not usable here: " + e.userMessage());
    }
    letter = TestPages.letter();
  }

  @AfterAll
  static void stopEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void readsDrawnWordsWhereTheyWereDrawn() throws Exception {
    OcrPage page = engine.recognize(new PageImage(1, letter, 200));

    assertThat(page.rotation()).isZero();
    assertThat(page.skewDegrees()).isZero();
    assertThat(page.width()).isEqualTo(letter.getWidth());
    assertThat(page.height()).isEqualTo(letter.getHeight());
    assertThat(page.text())
        .contains("INVOICE NUMBER 4711", "quick brown fox", "1234.56", "business");
    assertThat(page.lines()).hasSize(TestPages.LETTER.size());
    assertThat(page.words())
        .allSatisfy(w -> assertThat(w.confidence()).isGreaterThan(0).isLessThanOrEqualTo(1));

    // "4711" was drawn on the first line, its baseline at y = 200, starting right of x = 150.
    OcrWord number = word(page, "4711");
    BBox box = page.normalize(number.box());
    assertThat(box.y1()).isCloseTo(200.0 / letter.getHeight(), within(0.02));
    assertThat(box.y0()).isCloseTo((200.0 - 33) / letter.getHeight(), within(0.02));
    assertThat(box.x0()).isBetween(150.0 / letter.getWidth(), 0.5);
    OcrWord total = word(page, "Total");
    assertThat(page.normalize(total.box()).x0()).isCloseTo(150.0 / letter.getWidth(), within(0.01));
    assertThat(page.normalize(total.box()).y1())
        .isCloseTo(910.0 / letter.getHeight(), within(0.02));
  }

  @Test
  void turnsSidewaysAndUpsideDownPagesUpright() throws Exception {
    for (int turn : new int[] {90, 180}) {
      OcrPage page = engine.recognize(new PageImage(1, TestPages.turn(letter, turn), 200));

      assertThat(page.rotation()).as("turned %d", turn).isEqualTo((360 - turn) % 360);
      assertThat(page.width()).isEqualTo(letter.getWidth());
      assertThat(page.height()).isEqualTo(letter.getHeight());
      assertThat(page.text()).contains("INVOICE NUMBER 4711", "quick brown fox");
      OcrWord total = word(page, "Total");
      assertThat(page.normalize(total.box()).x0())
          .isCloseTo(150.0 / letter.getWidth(), within(0.01));
    }
  }

  @Test
  void straightensASkewedPage() throws Exception {
    BufferedImage skewed = TestPages.draw(1700, 1200, TestPages.LETTER, 2.0);

    OcrPage page = engine.recognize(new PageImage(1, skewed, 200));

    assertThat(page.skewDegrees()).isCloseTo(2.0, within(0.5));
    assertThat(page.text()).contains("INVOICE NUMBER 4711", "1234.56");
    // Straightened, each drawn line comes back as one line.
    assertThat(page.lines()).hasSize(TestPages.LETTER.size());
  }

  @Test
  void skewEstimateIsSigned() {
    // Its cost is part of "OCR with orientation and deskew" in docsift bench, not asserted here.
    for (double truth : new double[] {-3.0, -1.2, 0.0, 2.0, 4.0}) {
      GreyImage grey = GreyImage.of(TestPages.draw(1700, 1200, TestPages.LETTER, truth));
      double measured = SkewEstimator.estimate(grey).degrees();
      assertThat(measured).as("skew %s", truth).isCloseTo(truth, within(0.3));
    }
  }

  @Test
  void blankPageGivesNoLines() throws Exception {
    BufferedImage blank = TestPages.draw(800, 600, List.of(), 0);

    OcrPage page = engine.recognize(new PageImage(1, blank, 300));

    assertThat(page.lines()).isEmpty();
    assertThat(page.rotation()).isZero();
  }

  @Test
  void concurrentCallsReadWhatSerialCallsRead() throws Exception {
    List<BufferedImage> pages =
        List.of(letter, TestPages.draw(1700, 1200, TestPages.LETTER.subList(0, 5), 0));
    List<String> serial =
        List.of(
            engine.recognize(new PageImage(1, pages.get(0), 200)).text(),
            engine.recognize(new PageImage(2, pages.get(1), 200)).text());

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 2; round++) {
        Future<String> a =
            pool.submit(() -> engine.recognize(new PageImage(1, pages.get(0), 200)).text());
        Future<String> b =
            pool.submit(() -> engine.recognize(new PageImage(2, pages.get(1), 200)).text());
        assertThat(List.of(a.get(), b.get())).isEqualTo(serial);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void missingLanguageIsNamed() {
    OcrOptions options = OcrOptions.defaults().withLanguages(List.of("eng", "xyz"));

    assertThatThrownBy(() -> TesseractReader.create(options))
        .isInstanceOfSatisfying(
            DocsiftException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.LANGUAGE_MISSING);
              assertThat(e.getMessage())
                  .contains("xyz.traineddata", "tesseract-ocr-xyz")
                  .doesNotContain("eng.traineddata");
            });
  }

  @Test
  void missingTessdataFolderIsReported() {
    OcrOptions options =
        OcrOptions.defaults().withTessdataPath(java.nio.file.Path.of("/no/such/tessdata"));

    assertThatThrownBy(() -> TesseractReader.create(options))
        .isInstanceOfSatisfying(
            DocsiftException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TESSDATA_NOT_FOUND));
  }

  @Test
  void damagedTraineddataIsReportedAsInvalid(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("eng.traineddata"), "not a model");
    OcrOptions options = OcrOptions.defaults().withTessdataPath(dir);

    assertThatThrownBy(
            () -> {
              try (TesseractReader engine = TesseractReader.create(options)) {
                engine.recognize(
                    new dev.docsift.core.model.PageImage(
                        1,
                        new java.awt.image.BufferedImage(
                            64, 64, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
                        300));
              }
            })
        .isInstanceOfSatisfying(
            DocsiftException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TESSDATA_INVALID));
  }

  @Test
  void closingTwiceIsHarmlessAndUseAfterCloseFails() throws Exception {
    TesseractReader own = TesseractReader.create(OcrOptions.defaults().withPoolSize(1));
    assertThat(own.languages()).containsExactly("eng");
    assertThat(own.tessdataPath().resolve("eng.traineddata")).isRegularFile();

    own.close();
    own.close();

    assertThatThrownBy(() -> own.recognize(new PageImage(1, letter, 200)))
        .isInstanceOf(IllegalStateException.class);
  }

  private static OcrWord word(OcrPage page, String text) {
    return page.words().stream()
        .filter(w -> w.text().equals(text))
        .findFirst()
        .orElseThrow(() -> new AssertionError(text + " not read in:\n" + page.text()));
  }
}
