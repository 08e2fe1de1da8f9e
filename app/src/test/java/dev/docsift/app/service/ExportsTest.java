package dev.docsift.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.export.ExportFormat;
import dev.docsift.errors.ErrorCode;
import dev.docsift.schemas.SchemaCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports go through the command line's exporter: free names, one schema per CSV. */
class ExportsTest {
  @TempDir Path dir;

  @Test
  void jsonExportsNeverReplaceAFile() throws Exception {
    Exports.Item item =
        new Exports.Item(
            SchemaCatalog.shipped().get("receipt"), FakeProcessor.result(Path.of("/in/a.pdf"), 1));
    Files.writeString(dir.resolve("a.json"), "mine");
    List<Path> written = Exports.write(List.of(item), ExportFormat.JSON, false, dir);
    assertThat(written).containsExactly(dir.resolve("a-1.json"));
    assertThat(dir.resolve("a.json")).hasContent("mine");
    assertThat(Exports.summary(written)).isEqualTo("Wrote " + dir.resolve("a-1.json") + ".");
    assertThat(Exports.json(item.result())).contains("\"total\" : \"9.00\"").endsWith("}\n");
  }

  @Test
  void csvOfSeveralSchemasIsRefusedWithASentence() throws Exception {
    Exports.Item receipt =
        new Exports.Item(
            SchemaCatalog.shipped().get("receipt"), FakeProcessor.result(Path.of("/in/a.pdf"), 1));
    Exports.Item invoice =
        new Exports.Item(
            SchemaCatalog.shipped().get("invoice"), FakeProcessor.result(Path.of("/in/b.pdf"), 1));
    assertThatThrownBy(() -> Exports.write(List.of(receipt, invoice), ExportFormat.CSV, false, dir))
        .isInstanceOf(DocsiftException.class)
        .hasMessageContaining("receipt, invoice")
        .matches(e -> ((DocsiftException) e).code() == ErrorCode.OUTPUT_FAILED);
    assertThat(Exports.write(List.of(receipt, invoice), ExportFormat.JSONL, false, dir))
        .containsExactly(dir.resolve("results.jsonl"));
  }

  @Test
  void failuresReadAsSentencesWithTheirCode() {
    assertThat(UserMessages.of(new java.io.IOException("No space left on device")))
        .isEqualTo("DS501 IO: No space left on device");
    assertThat(UserMessages.of(new IllegalStateException("x")))
        .startsWith("DS999 docsift: an unexpected failure in docsift (IllegalStateException: x)")
        .doesNotContain("java.lang");
    assertThat(
            UserMessages.of(
                new dev.docsift.slm.pack.PackException(
                    dev.docsift.errors.ErrorCode.MODEL_ALREADY_INSTALLED, "Pack a is installed.")))
        .isEqualTo("DS608 Pack a is installed.");
  }
}
