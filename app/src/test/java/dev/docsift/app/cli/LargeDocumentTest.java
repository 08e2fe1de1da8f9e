package dev.docsift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.samples.SampleFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 500-page PDF goes through {@code docsift extract} in a JVM with a heap far smaller than 500
 * pages' pixels: pages are streamed, one alive at a time.
 */
class LargeDocumentTest {
  private static final int PAGES = 500;
  private static final String HEAP = "-Xmx128m";

  @Test
  void fiveHundredPagesRunInASmallHeap(@TempDir Path dir) throws Exception {
    assumeThat(Tesseract.installed()).as("tesseract-ocr is not installed").isTrue();
    // 1240 x 1754 grey pixels a page (A4 at 150 dpi): 500 of them would need over 1 GB.
    BufferedImage page = new BufferedImage(1240, 1754, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, page.getWidth(), page.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 40));
    g.drawString("Harbour Cafe", 100, 150);
    g.drawString("TOTAL 9.00", 100, 300);
    g.dispose();
    Path pdf = dir.resolve("long.pdf");
    SampleFiles.writeRepeatedPagePdf(pdf, PAGES, page, 150);

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                HEAP,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.docsift.app.Main",
                "extract",
                pdf.toString(),
                "--threads",
                "1",
                // Heap use of the page loop is what is measured, with the reader that needs least.
                "--ocr",
                "tesseract",
                "--progress",
                "none")
            .redirectError(dir.resolve("err.txt").toFile())
            .redirectOutput(dir.resolve("out.json").toFile())
            .start();
    process.getOutputStream().close();
    boolean finished = process.waitFor(400, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
    assertThat(finished).as("finished in time").isTrue();
    assertThat(process.exitValue()).as(err).isZero();
    JsonNode result = new ObjectMapper().readTree(dir.resolve("out.json").toFile());
    assertThat(result.path("source").path("pages").asInt()).isEqualTo(PAGES);
    assertThat(result.path("data").path("total").asText()).isEqualTo("9.00");
    assertThat(List.of(err.split("\n"))).noneMatch(l -> l.contains("OutOfMemoryError"));
  }
}
