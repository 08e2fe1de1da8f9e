package dev.docsift.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.core.DocsiftException;
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
 * and one refused as damaged or unsupported is a decoder gap. Accuracy is measured elsewhere; this
 * only checks that nothing crashes or is turned away.
 *
 * <p>The sets live outside the repository, in {@code shared/data/dev} beside the checkout (the
 * system property {@code docsift.dev-data}, which the parent pom sets, names the folder); where
 * they or Tesseract are missing the test is skipped. Two threads read the documents, as on the
 * project's two-core machines: about ten minutes.
 */
@Tag("devset")
class DevSetSmokeTest {
  /** Each set with the schema its documents fill and the file extension of its documents. */
  private record DevSet(String name, String schema, String extension) {}

  private static final List<DevSet> SETS =
      List.of(
          new DevSet("receipts-sroie-test", "receipt", ".jpg"),
          new DevSet("receipts-us", "receipt", ".jpg"),
          new DevSet("receipts-lv", "receipt", ".jpg"),
          new DevSet("invoices-zugferd", "invoice", ".pdf"));

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
        for (Outcome outcome : outcomes) {
          if (outcome instanceof Outcome.Failure f) {
            failures.add(
                set.name() + "/" + f.file().getFileName() + ": " + f.error().userMessage());
          }
        }
      }
    }
    Assumptions.assumeTrue(documents > 0, "no documents under " + root + "; skipped");
    assertThat(failures)
        .as("documents of the dev sets that failed (DS999 is a defect; DS1xx a refused input)")
        .isEmpty();
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
}
