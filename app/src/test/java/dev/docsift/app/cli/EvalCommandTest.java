package dev.docsift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code docsift eval} through the command line, on the committed samples and their truth. */
class EvalCommandTest {
  private static final Path SAMPLES = Path.of("../samples/documents").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void scoresResultsAlreadyWrittenAndWritesTheReport() throws Exception {
    Path truth = dir.resolve("truth");
    Path results = dir.resolve("results");
    Files.createDirectories(truth);
    Files.createDirectories(results);
    // The truth, and a result that has the total wrong and the company with other spacing.
    Files.writeString(
        truth.resolve("r1.json"),
        "{\"company\": \"GREEN FIELD\", \"date\": \"2016-05-26\", \"total\": \"56.58\","
            + " \"tax\": null}");
    Files.writeString(
        results.resolve("r1.json"),
        "{\"docsift\": \"1\", \"data\": {\"company\": \"Green  Field\", \"date\": \"2016-05-26\","
            + " \"total\": \"56.00\", \"tax\": \"4.68\"}}");
    Files.writeString(dir.resolve("r1.jpg"), "not read: --results scores the result file");
    Path report = dir.resolve("report.json");
    CliRun run =
        CliRun.of(
            "eval",
            dir.resolve("r1.jpg").toString(),
            "--truth",
            truth.toString(),
            "--results",
            results.toString(),
            "--report",
            report.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("/company", "/total", "document fields", "worst misses");
    assertThat(run.out()).contains("expected \"56.58\", found \"56.00\"");
    JsonNode r = JSON.readTree(report.toFile());
    assertThat(r.at("/totals/document_fields/labelled").asInt()).isEqualTo(3); // tax is null
    assertThat(r.at("/totals/document_fields/exact").asInt()).isEqualTo(2);
    assertThat(r.at("/misses/0/path").asText()).isEqualTo("/total");
  }

  @Test
  void extractsAndScoresTheSamples() throws Exception {
    assumeThat(Tesseract.installed()).as("tesseract-ocr is not installed").isTrue();
    Path docs = dir.resolve("docs");
    Path truth = dir.resolve("truth");
    Files.createDirectories(docs);
    Files.createDirectories(truth);
    Files.copy(SAMPLES.resolve("receipt-001.pdf"), docs.resolve("receipt-001.pdf"));
    Files.copy(SAMPLES.resolve("receipt-001.json"), truth.resolve("receipt-001.json"));
    CliRun run =
        CliRun.of(
            "eval",
            docs.toString(),
            "--truth",
            truth.toString(),
            "--ocr",
            "tesseract",
            "--progress",
            "none");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("/total", "documents: 1 scored, 0 failed", "per page (1 pages)");
  }

  @Test
  void usageErrorsExitWithTwo() {
    CliRun noTruth =
        CliRun.of("eval", dir.toString(), "--truth", dir.resolve("missing").toString());
    assertThat(noTruth.exitCode()).isEqualTo(2);
    assertThat(noTruth.err()).contains("--truth must be a folder");
    CliRun badReader =
        CliRun.of("eval", dir.toString(), "--truth", dir.toString(), "--ocr", "magic");
    assertThat(badReader.exitCode()).isEqualTo(2);
    assertThat(badReader.err()).contains("--ocr must be tesseract, ppocr or auto");
  }
}
