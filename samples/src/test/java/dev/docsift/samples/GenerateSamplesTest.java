package dev.docsift.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateSamplesTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return GenerateSamples.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void writesNumberedPdfsWithTheirTruth() throws Exception {
    int code =
        run(
            "--out",
            dir.toString(),
            "--receipts",
            "2",
            "--invoices",
            "1",
            "--seed",
            "3",
            "--dpi",
            "80");
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(dir.resolve("receipt-001.pdf")).isRegularFile();
    assertThat(dir.resolve("receipt-002.json")).isRegularFile();
    assertThat(dir.resolve("invoice-001.pdf")).isRegularFile();
    assertThat(dir.resolve("receipt-003.pdf")).doesNotExist();
    assertThat(new ObjectMapper().readTree(dir.resolve("invoice-001.json").toFile()))
        .isEqualTo(
            SampleGenerator.truth(
                DocumentType.INVOICE, SampleGenerator.seedFor(3, DocumentType.INVOICE, 0)));
    try (PDDocument document = Loader.loadPDF(dir.resolve("invoice-001.pdf").toFile())) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
    }
  }

  @Test
  void theSameSeedWritesTheSameBytes() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertThat(run("--out", a.toString(), "--receipts", "1", "--invoices", "0", "--dpi", "80"))
        .isZero();
    assertThat(run("--out", b.toString(), "--receipts", "1", "--invoices", "0", "--dpi", "80"))
        .isZero();
    assertThat(Files.readAllBytes(a.resolve("receipt-001.pdf")))
        .isEqualTo(Files.readAllBytes(b.resolve("receipt-001.pdf")));
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(run("--receipts", "1")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--out is required");
    assertThat(run("--out", dir.toString(), "--receipts", "many")).isEqualTo(2);
    assertThat(run("--out", dir.toString(), "--bogus")).isEqualTo(2);
    assertThat(run("--out")).isEqualTo(2);
    assertThat(run("--help")).isZero();
  }
}
