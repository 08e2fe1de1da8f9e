package dev.docsift.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.core.model.OcrLine;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.junit.jupiter.api.Test;

class PdfTextLayerTest {
  private static final PDType1Font FONT = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

  private static PDDocument page(RenderingMode mode, String... lines) throws IOException {
    PDDocument doc = new PDDocument();
    PDPage page = new PDPage(PDRectangle.A4);
    doc.addPage(page);
    try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
      float y = 780;
      for (String line : lines) {
        s.beginText();
        s.setRenderingMode(mode);
        s.setFont(FONT, 12);
        s.newLineAtOffset(72, y);
        s.showText(line);
        s.endText();
        y -= 20;
      }
    }
    return doc;
  }

  @Test
  void bornDigitalTextGivesWordsWithBoxesInThePixelFrame() throws IOException {
    try (PDDocument doc =
        page(RenderingMode.FILL, "Rechnung Nr. 471102 vom 05.03.2018", "Gesamtbetrag 529,87 EUR")) {
      OcrPage ocr = PdfTextLayer.read(doc, 1, 300);
      assertThat(ocr).isNotNull();
      // A4 at 300 dpi, as the page renders.
      assertThat(ocr.width()).isEqualTo((int) Math.ceil(PDRectangle.A4.getWidth() * 300 / 72));
      assertThat(ocr.lines()).hasSize(2);
      List<String> words = ocr.lines().get(0).words().stream().map(OcrWord::text).toList();
      assertThat(words).containsExactly("Rechnung", "Nr.", "471102", "vom", "05.03.2018");
      OcrWord first = ocr.lines().get(0).words().get(0);
      // 72 pt from the left edge is 300 px; the first line's baseline 62 pt from the top.
      assertThat(first.box().left()).isBetween(295, 305);
      assertThat(first.box().bottom()).isBetween(250, 275);
      assertThat(first.confidence()).isEqualTo(1.0);
      OcrLine second = ocr.lines().get(1);
      assertThat(second.box().top()).isGreaterThan(first.box().bottom() - 5);
      assertThat(second.text()).isEqualTo("Gesamtbetrag 529,87 EUR");
    }
  }

  @Test
  void aSpaceDrawnOverTheNextGlyphDoesNotSplitTheWord() throws IOException {
    // Courier: every glyph advances 0.6 em, 7.2 pt at 12 pt. "Nr." then, one cell on, the space
    // drawn a hair right of where "471102" starts, as some producers write it.
    PDType1Font courier = new PDType1Font(Standard14Fonts.FontName.COURIER);
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
        float cell = 7.2f;
        float[] xs = {72, 72 + 4 * cell + 0.01f, 72 + 4 * cell, 72};
        String[] texts = {"Nr.", " ", "471102", "Handelsrechnung vom 05.03.2018"};
        float[] ys = {780, 780, 780, 740};
        for (int i = 0; i < xs.length; i++) {
          s.beginText();
          s.setFont(courier, 12);
          s.newLineAtOffset(xs[i], ys[i]);
          s.showText(texts[i]);
          s.endText();
        }
      }
      OcrPage ocr = PdfTextLayer.read(doc, 1, 300);
      assertThat(ocr).isNotNull();
      List<String> words = ocr.lines().get(0).words().stream().map(OcrWord::text).toList();
      assertThat(words).containsExactly("Nr.", "471102");
    }
  }

  @Test
  void aPageWithoutTextHasNoLayer() throws IOException {
    try (PDDocument doc = page(RenderingMode.FILL)) {
      assertThat(PdfTextLayer.read(doc, 1, 300)).isNull();
    }
  }

  @Test
  void anInvisibleLayerOfGarbageIsRefusedButAGoodOneKept() throws IOException {
    try (PDDocument doc =
        page(
            RenderingMode.NEITHER,
            "xqzkrt pwlmnbv ghjkl wrtzp qqxvbn",
            "kjhgf dfghjkl zxcvbnm pqwrt")) {
      assertThat(PdfTextLayer.read(doc, 1, 300)).isNull();
    }
    try (PDDocument doc =
        page(RenderingMode.NEITHER, "Invoice number 2041 issued today", "Total amount 15.00")) {
      assertThat(PdfTextLayer.read(doc, 1, 300)).isNotNull();
    }
  }

  @Test
  void plausibleWords() {
    assertThat(PdfTextLayer.plausible("München")).isTrue();
    assertThat(PdfTextLayer.plausible("529,87")).isTrue();
    assertThat(PdfTextLayer.plausible("DE123456789")).isTrue();
    assertThat(PdfTextLayer.plausible("xqzkrtpw")).isFalse();
    assertThat(PdfTextLayer.plausible("~^~")).isFalse();
  }
}
