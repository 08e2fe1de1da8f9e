package dev.docsift.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.model.FieldValue;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.samples.SampleFiles;
import dev.docsift.schemas.SchemaCatalog;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A result keeps the OCR pages its boxes are fractions of, for callers that show the words. */
class PipelineOcrPagesTest {
  @Test
  void resultKeepsTheOcrPagesItsBoxesReferTo(@TempDir Path dir) throws Exception {
    BufferedImage page = new BufferedImage(800, 500, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 800, 500);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 36));
    g.drawString("Harbour Cafe", 60, 90);
    g.drawString("TOTAL 9.00", 60, 380);
    g.dispose();
    Path file = dir.resolve("p.png");
    SampleFiles.writePng(page, 150, file);

    Pipeline pipeline;
    try {
      pipeline = Pipeline.create(PipelineConfig.defaults());
    } catch (DocsiftException e) {
      Assumptions.abort("Tesseract is not usable here: " + e.userMessage());
      return;
    }
    try (pipeline) {
      ExtractionResult result =
          pipeline.process(
              file,
              SchemaCatalog.shipped().get("receipt"),
              ProgressListener.NONE,
              new Cancellation());
      assertThat(result.ocrPages()).hasSize(1);
      assertThat(result.pageTiles()).as("the ocr engine shows no vision encoder tiles").isEmpty();
      OcrPage ocr = result.ocrPages().get(0);
      assertThat(ocr.number()).isEqualTo(1);
      assertThat(ocr.width()).isEqualTo(800);
      assertThat(ocr.words()).extracting(OcrWord::text).contains("TOTAL", "9.00");
      FieldValue total =
          result.fields().stream().filter(f -> f.path().equals("/total")).findFirst().orElseThrow();
      OcrWord word =
          ocr.words().stream().filter(w -> w.text().equals("9.00")).findFirst().orElseThrow();
      // The field's box is a fraction of the OCR page: scaled back, it covers the word.
      assertThat(total.bbox().x1() * ocr.width()).isGreaterThanOrEqualTo(word.box().right() - 1);
      assertThat(total.bbox().y0() * ocr.height()).isLessThanOrEqualTo(word.box().top() + 1);
    }
  }
}
