package dev.docsift.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.core.DocsiftException;
import dev.docsift.core.eval.EvalReport;
import dev.docsift.core.eval.Scorecard;
import dev.docsift.core.intake.IntakeOptions;
import dev.docsift.core.ocr.OcrOptions;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every document of the real development sets (about 400 receipt photos, scans and e-invoices) goes
 * through the whole pipeline, and none may fail: a real document that ends in DS999 is a defect,
 * and one refused as damaged or unsupported is a decoder gap. Each set's field accuracy (the
 * document's own fields, as {@code docsift eval} counts them) must also stay at or above a bound
 * set a little under what was measured, so a change that makes real documents worse fails.
 *
 * <p>The sets live outside the repository, in {@code shared/data/dev} beside the checkout (the
 * system property {@code docsift.dev-data}, which the parent pom sets, names the folder); where
 * they or Tesseract are missing the test is skipped. Two threads read the documents, as on the
 * project's two-core machines: about ten minutes.
 */
@Tag("devset")
class DevSetSmokeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  // Measured with docsift eval on the default reader (document fields, exact): SROIE 81.6 %,
  // US 81.8 %, Latvian photos 87.2 % (39 documents: a wider margin), ZUGFeRD 88.8 %. Line items:
  // US 58.5 %, ZUGFeRD 90.4 %. The learned scorers were trained on these sets: the bounds guard
  // against regressions, they are no measure of unseen documents.
  private static final double SROIE_BOUND = 0.77;
  private static final double US_BOUND = 0.77;
  private static final double LV_BOUND = 0.84;
  private static final double ZUGFERD_BOUND = 0.85;
  private static final double US_ITEMS_BOUND = 0.55;
  private static final double ZUGFERD_ITEMS_BOUND = 0.87;

  /**
   * Each set with the schema its documents fill, the file extension of its documents and the least
   * share of its documents' own fields (line items aside) and of its line items' fields (0 where
   * the set labels none) that must be extracted exactly: measured with {@code docsift eval} on the
   * default reader, less about three points for the spread between runs and machines.
   */
  private record DevSet(
      String name, String schema, String extension, double accuracyBound, double itemsBound) {}

  private static final List<DevSet> SETS =
      List.of(
          new DevSet("receipts-sroie-test", "receipt", ".jpg", SROIE_BOUND, 0),
          new DevSet("receipts-us", "receipt", ".jpg", US_BOUND, US_ITEMS_BOUND),
          new DevSet("receipts-lv", "receipt", ".jpg", LV_BOUND, 0),
          new DevSet("invoices-zugferd", "invoice", ".pdf", ZUGFERD_BOUND, ZUGFERD_ITEMS_BOUND));

  @Test
  void everyDevDocumentIsReadWithoutACrashOrARefusal() throws Exception {
    String property = System.getProperty("docsift.dev-data", "../../shared/data/dev");
    Path root = Path.of(property).toAbsolutePath().normalize();
    Assumptions.assumeTrue(
        Files.isDirectory(root), "the development sets are not at " + root + "; skipped");

    Pipeline pipeline;
    try {
      pipeline =
          Pipeline.create(new PipelineConfig(IntakeOptions.defaults(), OcrOptions.defaults(), 2));
    } catch (DocsiftException e) {
      Assumptions.abort("Tesseract is not usable here: " + e.userMessage());
      return;
    }
    List<String> failures = new ArrayList<>();
    List<String> belowBound = new ArrayList<>();
    int documents = 0;
    try (pipeline) {
      for (DevSet set : SETS) {
        List<Path> files = documents(root.resolve(set.name()).resolve("docs"), set.extension());
        if (files.isEmpty()) {
          continue;
        }
        DocumentSchema schema = SchemaCatalog.shipped().get(set.schema());
        List<Outcome> outcomes =
            pipeline.processAll(files, schema, ProgressListener.NONE, new Cancellation());
        documents += outcomes.size();
        Scorecard card = new Scorecard(schema.fields());
        for (Outcome outcome : outcomes) {
          if (outcome instanceof Outcome.Failure f) {
            failures.add(
                set.name() + "/" + f.file().getFileName() + ": " + f.error().userMessage());
          } else if (outcome instanceof Outcome.Success ok) {
            JsonNode truth = truth(root.resolve(set.name()).resolve("truth"), ok.file());
            if (truth != null) {
              card.add(ok.file().getFileName().toString(), truth, ok.result().data(), List.of());
            }
          }
        }
        EvalReport report = card.report(0);
        check(set.name(), report.total(false), set.accuracyBound(), belowBound);
        check(set.name() + " line items", report.total(true), set.itemsBound(), belowBound);
      }
    }
    Assumptions.assumeTrue(documents > 0, "no documents under " + root + "; skipped");
    assertThat(failures)
        .as("documents of the dev sets that failed (DS999 is a defect; DS1xx a refused input)")
        .isEmpty();
    assertThat(belowBound).as("dev sets whose field accuracy fell below its bound").isEmpty();
  }

  private static JsonNode truth(Path folder, Path document) throws IOException {
    String name = document.getFileName().toString();
    Path file = folder.resolve(name.substring(0, name.lastIndexOf('.')) + ".json");
    return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : null;
  }

  private static List<Path> documents(Path folder, String extension) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension))
          .sorted()
          .toList();
    }
  }

  private static void check(String what, EvalReport.Total total, double bound, List<String> out) {
    if (total.labelled() > 0 && total.accuracy() < bound) {
      out.add(
          String.format(
              Locale.ROOT,
              "%s: %.1f%% of %d fields, bound %.1f%%",
              what,
              100 * total.accuracy(),
              total.labelled(),
              100 * bound));
    }
  }
}
