package dev.docsift.core.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrLine;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.core.model.PageImage;
import dev.docsift.core.ocr.ppocr.PpOcrReader;
import java.awt.image.BufferedImage;
import java.io.File;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real PP-OCR models, on the committed sample receipt and on pages drawn here. */
class PpOcrReaderTest {
  private static PpOcrReader reader;

  @BeforeAll
  static void open() throws Exception {
    reader = PpOcrReader.create(OcrOptions.defaults().withPoolSize(2));
  }

  @AfterAll
  static void close() {
    reader.close();
    reader.close(); // twice is harmless
  }

  private static BufferedImage receipt() throws Exception {
    try (PDDocument doc = Loader.loadPDF(new File("../samples/documents/receipt-001.pdf"))) {
      return new PDFRenderer(doc).renderImageWithDPI(0, 300, ImageType.GRAY);
    }
  }

  @Test
  void readsTheSampleReceiptsWordsInsideThePage() throws Exception {
    BufferedImage image = receipt();
    OcrReader.Reading reading = reader.read(new PageImage(1, image, 300));
    OcrPage page = reading.ocr();

    assertThat(reader.name()).isEqualTo("ppocr");
    assertThat(page.rotation()).isZero();
    assertThat(reading.upright()).isSameAs(image);
    assertThat(page.words()).extracting(OcrWord::text).contains("88.86", "TOTAL", "Brasserie");
    assertThat(page.text()).contains("Bright Brasserie", "Espresso 3.17");
    // The item and its right-aligned price are one line, as Tesseract gives them.
    assertThat(page.lines())
        .extracting(OcrLine::text)
        .anyMatch(t -> t.startsWith("TOTAL") && t.endsWith("88.86"));
    for (OcrWord w : page.words()) {
      Box b = w.box();
      assertThat(b.left()).isGreaterThanOrEqualTo(0);
      assertThat(b.top()).isGreaterThanOrEqualTo(0);
      assertThat(b.right()).isLessThanOrEqualTo(image.getWidth());
      assertThat(b.bottom()).isLessThanOrEqualTo(image.getHeight());
      assertThat(w.confidence()).isBetween(0.0, 1.0);
    }
    // Lines run top to bottom, words left to right.
    for (int i = 1; i < page.lines().size(); i++) {
      assertThat(page.lines().get(i).box().centerY())
          .isGreaterThanOrEqualTo(page.lines().get(i - 1).box().centerY());
    }
  }

  @Test
  void splitsLinesIntoWordsWithBoxesWhereTheyWereDrawn() throws Exception {
    OcrPage page = reader.recognize(new PageImage(1, TestPages.letter(), 200));
    assertThat(page.text()).contains("INVOICE NUMBER 4711", "quick brown fox", "1234.56");
    OcrWord number =
        page.words().stream().filter(w -> w.text().equals("4711")).findFirst().orElseThrow();
    // Drawn on the first line, baseline at y = 200, right of x = 150.
    assertThat(number.box().left()).isGreaterThan(150 + 300);
    assertThat(number.box().bottom()).isBetween(195, 215);
    assertThat(number.box().top()).isBetween(155, 175);
  }

  @ParameterizedTest
  @ValueSource(ints = {90, 180, 270})
  void turnsATurnedPageUpright(int degrees) throws Exception {
    BufferedImage turned = TestPages.turn(TestPages.letter(), degrees);
    OcrPage page = reader.recognize(new PageImage(1, turned, 200));
    assertThat(page.rotation()).isEqualTo((360 - degrees) % 360);
    assertThat(page.width()).isEqualTo(TestPages.letter().getWidth());
    assertThat(page.text()).contains("INVOICE NUMBER 4711", "1234.56");
  }

  @Test
  void straightensASkewedPage() throws Exception {
    BufferedImage skewed = TestPages.draw(1700, 1200, TestPages.LETTER, 2.0);
    OcrPage page = reader.recognize(new PageImage(1, skewed, 200));
    assertThat(page.skewDegrees()).isBetween(1.5, 2.5);
    assertThat(page.text()).contains("quick brown fox", "1234.56");
  }

  @Test
  void autoFallsBackToTesseractForScriptsPpOcrDoesNotRead() {
    assertThat(CombinedReader.ppocrReads(java.util.List.of("eng", "lav"))).isTrue();
    assertThat(CombinedReader.ppocrReads(java.util.List.of("eng", "rus"))).isFalse();
  }

  @Test
  void aClosedReaderRefusesPages() throws Exception {
    PpOcrReader other = PpOcrReader.create(OcrOptions.defaults().withPoolSize(1));
    other.close();
    assertThatThrownBy(() -> other.read(new PageImage(1, TestPages.letter(), 200)))
        .isInstanceOf(IllegalStateException.class);
  }
}
