package dev.docsift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors exit with 2 and a sentence; the schema commands print what they should. */
class UsageTest {
  @Test
  void extractWithoutFilesIsAUsageError() {
    CliRun run = CliRun.of("extract");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("FILE");
    assertThat(run.showsStackTrace()).isFalse();
  }

  @Test
  void badOptionValuesAreUsageErrors(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("x.pdf"), "x");
    assertThat(CliRun.of("extract", file.toString(), "--format", "xml").err())
        .contains("json, jsonl or csv");
    assertThat(CliRun.of("extract", file.toString(), "--format", "xml").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("extract", file.toString(), "--dpi", "5").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("extract", file.toString(), "--threads", "0").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("extract", file.toString(), "--dpi", "many").exitCode()).isEqualTo(2);
    CliRun badOcr = CliRun.of("extract", file.toString(), "--ocr", "easyocr");
    assertThat(badOcr.exitCode()).isEqualTo(2);
    assertThat(badOcr.err()).contains("--ocr must be tesseract, ppocr or auto");
    assertThat(CliRun.of("extract", file.toString(), file.toString()).err()).contains("--out");
  }

  @Test
  void unknownSchemaIsAUsageErrorWithItsCode(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("x.pdf"), "x");
    CliRun run = CliRun.of("extract", file.toString(), "--schema", "passport");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("DS301").contains("invoice, receipt");
  }

  @Test
  void schemasListNamesTheShippedSchemas() {
    CliRun run = CliRun.of("schemas", "list");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("receipt").contains("invoice");
  }

  @Test
  void schemasShowPrintsTheSchema() throws Exception {
    CliRun run = CliRun.of("schemas", "show", "invoice");
    assertThat(run.exitCode()).isZero();
    assertThat(new ObjectMapper().readTree(run.out()).path("title").asText()).isEqualTo("Invoice");
    CliRun missing = CliRun.of("schemas", "show", "nope");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).startsWith("DS301");
  }

  @Test
  void noArgumentsPrintsUsage() {
    CliRun run = CliRun.of();
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("extract").contains("schemas");
  }
}
