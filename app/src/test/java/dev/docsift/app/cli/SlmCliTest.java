package dev.docsift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.schemas.SchemaCatalog;
import dev.docsift.slm.fixtures.TestFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code docsift extract --engine slm} through the command line, with the tiny InternVL pack. */
class SlmCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** The tiny pack the core module's tests use, from its test jar (see TestFixtures). */
  static Path tinyPack() {
    assumeThat(TestFixtures.present("tiny-internvl"))
        .as("the tiny InternVL pack is absent from core's test jar")
        .isTrue();
    Path pack = TestFixtures.folder("tiny-internvl");
    assumeThat(Files.isRegularFile(pack.resolve("pack.json")))
        .as("the tiny InternVL pack is absent: " + pack)
        .isTrue();
    return pack;
  }

  @Test
  void aScannedInvoiceBecomesAValidEnvelopeFromTheModel() throws Exception {
    assumeThat(Tesseract.installed()).as("tesseract-ocr is not installed").isTrue();
    CliRun run =
        CliRun.of(
            "extract",
            Path.of("..", "samples", "documents", "invoice-001.pdf").toString(),
            "--schema",
            "invoice",
            "--engine",
            "slm",
            "--model",
            tinyPack().toString(),
            "--ep",
            "cpu",
            "--progress",
            "lines");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode result = JSON.readTree(run.out());
    assertThat(result.path("engine").path("name").asText()).isEqualTo("slm");
    assertThat(result.path("engine").path("model").asText()).isEqualTo("tiny-internvl");
    assertThat(SchemaCatalog.shipped().get("invoice").validate(result.get("data"))).isEmpty();
    for (JsonNode f : result.get("fields")) {
      assertThat(f.path("confidence").asDouble()).isBetween(0.0, 1.0);
      assertThat(f.get("page").isNull()).isEqualTo(f.get("bbox").isNull());
    }
    assertThat(result.path("timings_ms").has("encode")).isTrue();
    assertThat(run.err()).contains("encoded (");
  }

  @Test
  void slmMistakesAreUsageErrorsWithCodes() throws Exception {
    CliRun noModel = CliRun.of("extract", "x.pdf", "--engine", "slm");
    assertThat(noModel.exitCode()).isEqualTo(2);
    assertThat(noModel.err()).contains("needs --model PACK");

    CliRun badEp = CliRun.of("extract", "x.pdf", "--engine", "slm", "--model", "m", "--ep", "tpu");
    assertThat(badEp.exitCode()).isEqualTo(2);
    assertThat(badEp.err()).contains("unknown execution provider 'tpu'");

    assumeThat(Tesseract.installed()).as("tesseract-ocr is not installed").isTrue();
    CliRun missing =
        CliRun.of(
            "extract",
            Path.of("..", "samples", "documents", "receipt-001.pdf").toString(),
            "--engine",
            "slm",
            "--model",
            "not-installed",
            "--models-dir",
            dir.toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).startsWith("DS601 ");
    assertThat(missing.showsStackTrace()).isFalse();

    CliRun modelWithOcr = CliRun.of("extract", "x.pdf", "--model", "m");
    assertThat(modelWithOcr.exitCode()).isEqualTo(2);
    assertThat(modelWithOcr.err()).contains("--model applies to --engine slm only");
  }
}
