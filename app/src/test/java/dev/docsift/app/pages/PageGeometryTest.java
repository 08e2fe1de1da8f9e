package dev.docsift.app.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.core.model.PageImage;
import dev.docsift.core.ocr.OcrOptions;
import dev.docsift.core.ocr.TesseractReader;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The page is shown in the frame OCR read it in, so that the boxes land on their words. */
class PageGeometryTest {
  @Test
  void rightAngleTurnsMoveAPointAsOcrDoes() {
    BufferedImage page = new BufferedImage(100, 50, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 50; y++) {
      for (int x = 0; x < 100; x++) {
        page.setRGB(x, y, 0xFFFFFF);
      }
    }
    page.setRGB(10, 20, 0);

    // OCR turns (x, y) into (h - 1 - y, x) for 90 degrees, and (w - 1 - x, h - 1 - y) for 180.
    assertDarkAt(new PageGeometry(90, 0).apply(page, 1), 29, 10, 100, 50);
    assertDarkAt(new PageGeometry(180, 0).apply(page, 1), 89, 29, 50, 100);
    assertDarkAt(new PageGeometry(270, 0).apply(page, 1), 20, 89, 100, 50);
    BufferedImage half = new PageGeometry(0, 0).apply(page, 0.5);
    assertThat(half.getWidth()).isEqualTo(50);
    assertThat(half.getHeight()).isEqualTo(25);
  }

  private static void assertDarkAt(BufferedImage img, int x, int y, int expectH, int expectW) {
    boolean sideways = img.getWidth() == expectW && img.getHeight() == expectH;
    assertThat(sideways || img.getWidth() == expectH).isTrue();
    int darkest = 255;
    int bx = -1;
    int by = -1;
    for (int j = 0; j < img.getHeight(); j++) {
      for (int i = 0; i < img.getWidth(); i++) {
        int v = img.getRGB(i, j) & 0xFF;
        if (v < darkest) {
          darkest = v;
          bx = i;
          by = j;
        }
      }
    }
    assertThat((double) bx).isCloseTo(x, within(1.0));
    assertThat((double) by).isCloseTo(y, within(1.0));
  }

  @Test
  void aSkewedPageIsStraightenedTheWayOcrStraightenedIt() {
    TesseractReader engine;
    try {
      engine = TesseractReader.create(OcrOptions.defaults().withPoolSize(1));
    } catch (DocsiftException e) {
      Assumptions.abort("Tesseract is not usable here: " + e.userMessage());
      return;
    }
    BufferedImage page = skewedPage(2.5);
    OcrPage ocr;
    try (engine) {
      ocr = engine.recognize(new PageImage(1, page, 200));
    } catch (DocsiftException e) {
      throw new AssertionError(e);
    }
    assertThat(Math.abs(ocr.skewDegrees())).as("OCR straightened the page").isGreaterThan(1.5);
    assertThat(ocr.words()).hasSizeGreaterThan(10);

    double right = inkInBoxes(PageGeometry.of(ocr).apply(page, 1), ocr);
    double wrong = inkInBoxes(new PageGeometry(0, -ocr.skewDegrees()).apply(page, 1), ocr);
    double none = inkInBoxes(page, ocr);
    assertThat(right)
        .as("ink inside the word boxes")
        .isGreaterThan(1.3 * wrong)
        .isGreaterThan(1.1 * none);
  }

  /** A page of long lines of text, turned clockwise by {@code degrees}. */
  private static BufferedImage skewedPage(double degrees) {
    BufferedImage page = new BufferedImage(1600, 1000, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 1600, 1000);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.rotate(Math.toRadians(degrees), 800, 500);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 34));
    String[] lines = {
      "INVOICE NUMBER 4711 issued on the fifteenth of March",
      "The quick brown fox jumps over the lazy dog again",
      "Subtotal for consulting services 1234.56 EUR net",
      "Value added tax at nineteen percent 234.57 EUR",
      "Total amount due within thirty days 1469.13 EUR",
      "Thank you for your business and see you soon"
    };
    for (int i = 0; i < lines.length; i++) {
      g.drawString(lines[i], 120, 200 + i * 120);
    }
    g.dispose();
    return page;
  }

  /** The share of dark pixels inside the words' boxes. */
  private static double inkInBoxes(BufferedImage img, OcrPage ocr) {
    long dark = 0;
    long all = 0;
    for (OcrWord w : ocr.words()) {
      Box b = w.box();
      for (int y = b.top(); y < b.bottom() && y < img.getHeight(); y++) {
        for (int x = b.left(); x < b.right() && x < img.getWidth(); x++) {
          all++;
          if ((img.getRGB(x, y) & 0xFF) < 128) {
            dark++;
          }
        }
      }
    }
    return (double) dark / Math.max(1, all);
  }
}
