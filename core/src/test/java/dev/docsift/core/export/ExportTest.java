package dev.docsift.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.core.engine.EngineInfo;
import dev.docsift.core.model.BBox;
import dev.docsift.core.model.DocumentKind;
import dev.docsift.core.model.DocumentSource;
import dev.docsift.core.model.FieldValue;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.core.pipeline.ResultJson;
import dev.docsift.core.pipeline.StageTimings;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTest {
  private static ExtractionResult invoice(String file, String total) throws Exception {
    ObjectNode data =
        (ObjectNode)
            ResultJson.MAPPER.readTree(
                """
                {"invoice_number": "INV-7", "issue_date": "2024-03-15", "total": "%s",
                 "seller": {"name": "Acme, Inc.", "address": "1 Road \\"North\\""},
                 "items": [{"description": "Bolts", "quantity": 2, "amount": "4.00"},
                           {"description": "Nuts", "amount": "1.50"}]}
                """
                    .formatted(total));
    FieldValue field =
        new FieldValue(
            "/total", data.get("total"), 1, new BBox(0.7, 0.8, 0.9, 0.82), 0.91234, total);
    return new ExtractionResult(
        new DocumentSource(Path.of("/in/" + file), "ab".repeat(32), DocumentKind.PDF, 10),
        1,
        "invoice",
        EngineInfo.OCR,
        data,
        List.of(field),
        List.of("due_date: not found"),
        new StageTimings(5, 50, 1));
  }

  private static DocumentSchema schema() throws Exception {
    return SchemaCatalog.shipped().get("invoice");
  }

  @Test
  void envelopeHasTheDocumentedShape() throws Exception {
    JsonNode env = ResultJson.envelope(invoice("a.pdf", "5.50"));
    assertThat(env.path("docsift").asText()).isEqualTo("1");
    assertThat(env.path("source").path("file").asText()).isEqualTo("a.pdf");
    assertThat(env.path("engine").path("model").isNull()).isTrue();
    assertThat(env.path("engine").path("execution_provider").asText()).isEqualTo("cpu");
    assertThat(env.path("fields").get(0).path("bbox").toString()).isEqualTo("[0.7,0.8,0.9,0.82]");
    assertThat(env.path("fields").get(0).path("confidence").asDouble()).isEqualTo(0.912);
    assertThat(env.path("timings_ms").path("ocr").asLong()).isEqualTo(50);
    assertThat(schema().validate(env.path("data"))).isEmpty();
  }

  @Test
  void csvFlattensNestedFieldsAndSplitsItems() throws Exception {
    List<CsvTables.Table> tables =
        new CsvTables(schema()).tables(List.of(invoice("a.pdf", "5.50"), invoice("b.pdf", "7.00")));
    CsvTables.Table docs = tables.get(0);
    assertThat(docs.header()).startsWith("file", "sha256", "schema", "invoice_number");
    assertThat(docs.header())
        .contains("seller.name", "buyer.tax_id", "total")
        .doesNotContain("items");
    assertThat(docs.rows()).hasSize(2);
    String csv = docs.toCsv();
    assertThat(csv)
        .contains("\"Acme, Inc.\"")
        .contains("\"1 Road \"\"North\"\"\"")
        .contains("\r\n");
    CsvTables.Table items = tables.get(1);
    assertThat(items.name()).isEqualTo("items");
    assertThat(items.header())
        .containsExactly("file", "index", "description", "quantity", "unit_price", "amount");
    assertThat(items.rows()).hasSize(4);
    assertThat(items.rows().get(1)).containsExactly("a.pdf", "2", "Nuts", "", "", "1.50");
  }

  @Test
  void folderExportNeverOverwritesAndLeavesNoTemporaries(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.json"), "the user's own file");
    ResultExporter exporter = new ResultExporter(schema(), ExportFormat.JSON, false);
    List<Path> written = exporter.writeTo(List.of(invoice("a.pdf", "5.50")), dir);
    assertThat(written).containsExactly(dir.resolve("a-1.json"));
    assertThat(Files.readString(dir.resolve("a.json"))).isEqualTo("the user's own file");
    assertThat(
            ResultJson.MAPPER
                .readTree(dir.resolve("a-1.json").toFile())
                .path("data")
                .path("total")
                .asText())
        .isEqualTo("5.50");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("a.json", "a-1.json");
    }
  }

  @Test
  void jsonLinesHoldOneCompactDocumentPerLine(@TempDir Path dir) throws Exception {
    ResultExporter exporter = new ResultExporter(schema(), ExportFormat.JSONL, true);
    Path file =
        exporter.writeTo(List.of(invoice("a.pdf", "5.50"), invoice("b.pdf", "7.00")), dir).get(0);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    assertThat(ResultJson.MAPPER.readTree(lines.get(1)).path("total").asText()).isEqualTo("7.00");
  }

  @Test
  void atomicWriteReplacesWholeFiles(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("status.json");
    AtomicFiles.write(target, "one".getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(target, "two".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(target)).isEqualTo("two");
    try (var files = Files.list(dir)) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void formatsParseAndNameTheChoicesOnError() {
    assertThat(ExportFormat.parse("JSONL")).isEqualTo(ExportFormat.JSONL);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExportFormat.parse("xml"))
        .hasMessageContaining("json, jsonl or csv");
  }
}
