package dev.docsift.core.extract;

import static dev.docsift.core.extract.ReceiptExtractionTest.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.core.model.OcrPage;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserSchemaExtractionTest {
  private final SchemaExtractor extractor = new SchemaExtractor();

  private static DocumentSchema schema(Path dir, String json) throws Exception {
    Path file = dir.resolve("order.schema.json");
    Files.writeString(file, json);
    return SchemaCatalog.load(file);
  }

  @Test
  void fieldsWithoutHintsAreFoundByTheirNames(@TempDir Path dir) throws Exception {
    DocumentSchema s =
        schema(
            dir,
            """
            {"$schema": "https://json-schema.org/draft/2020-12/schema",
             "type": "object", "additionalProperties": false,
             "required": ["reference"],
             "properties": {
               "customer_name": {"type": "string", "maxLength": 5},
               "order_date": {"type": "string", "format": "date"},
               "order_total": {"type": "number"},
               "reference": {"type": "string"},
               "quantity": {"type": "integer"},
               "notes": {"type": "string"}
             }}
            """);
    OcrPage page =
        PageBuilder.a4(1)
            .text(150, 150, 70, "Order Confirmation")
            .text(150, 400, "Customer Name: Jane Doe")
            .text(150, 450, "Order Date:")
            .text(800, 450, "March 5, 2021")
            .text(150, 500, "Reference   ABC-123")
            .text(150, 550, "Order Total: 45.90")
            .text(150, 600, "Quantity: 3")
            .build();
    Extraction x = extractor.extract(List.of(page), s);
    JsonNode d = x.data();
    assertThat(d.path("customer_name").asText()).isEqualTo("Jane");
    assertThat(d.path("order_date").asText()).isEqualTo("2021-03-05");
    assertThat(d.path("order_total").isNumber()).isTrue();
    assertThat(d.path("order_total").decimalValue()).isEqualByComparingTo("45.90");
    assertThat(d.path("reference").asText()).isEqualTo("ABC-123");
    assertThat(d.path("quantity").isIntegralNumber()).isTrue();
    assertThat(d.path("quantity").asInt()).isEqualTo(3);
    assertThat(d.has("notes")).isFalse();
    assertThat(x.warnings()).contains("notes: not found", "customer_name: cut to 5 characters");
    assertThat(field(x, "/order_date").bbox()).isEqualTo(PageBuilder.boxOf(page, "March 5, 2021"));
    assertThat(s.validate(d)).isEmpty();
  }

  @Test
  void aRequiredNonNullableFieldNotFoundIsReported(@TempDir Path dir) throws Exception {
    DocumentSchema s =
        schema(
            dir,
            """
            {"type": "object", "required": ["reference"],
             "properties": {"reference": {"type": "string", "pattern": "^[A-Z]+-[0-9]+$"}}}
            """);
    Extraction x = extractor.extract(List.of(PageBuilder.a4(1).text(150, 150, "Hello").build()), s);
    assertThat(x.data().has("reference")).isFalse();
    assertThat(x.warnings()).anyMatch(w -> w.startsWith("reference: not found"));
  }

  @Test
  void valuesThatBreakAPatternAreDroppedWithAWarning(@TempDir Path dir) throws Exception {
    DocumentSchema s =
        schema(
            dir,
            """
            {"type": "object",
             "properties": {
               "reference": {"type": "string", "pattern": "^[A-Z]+-[0-9]+$"},
               "total": {"type": "string", "x-docsift": {"kind": "money"}}
             }}
            """);
    OcrPage page =
        PageBuilder.a4(1).text(150, 400, "Reference: abc").text(150, 450, "Total: 12.00").build();
    Extraction x = extractor.extract(List.of(page), s);
    assertThat(x.data().has("reference")).isFalse();
    assertThat(x.data().path("total").asText()).isEqualTo("12.00");
    assertThat(x.fields()).noneMatch(f -> f.path().equals("/reference"));
    assertThat(x.warnings()).anyMatch(w -> w.startsWith("reference: dropped"));
    assertThat(s.validate(x.data())).isEmpty();
  }
}
