package dev.docsift.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.core.engine.EngineInfo;
import dev.docsift.core.model.BBox;
import dev.docsift.core.model.DocumentKind;
import dev.docsift.core.model.DocumentSource;
import dev.docsift.core.model.FieldValue;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.core.pipeline.StageTimings;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Corrections are checked against the schema at once and exported with their provenance. */
class EditableResultTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private DocumentSchema schema;
  private EditableResult review;

  @BeforeEach
  void receipt() throws Exception {
    schema = SchemaCatalog.shipped().get("receipt");
    ObjectNode data =
        (ObjectNode)
            JSON.readTree(
                """
                {"company": "Harbour Cafe", "date": null, "total": "9.00",
                 "items": [{"description": "Tea", "quantity": 2, "amount": "3.00"}]}
                """);
    List<FieldValue> fields =
        List.of(
            new FieldValue(
                "/company",
                data.get("company"),
                1,
                new BBox(0.1, 0.05, 0.6, 0.09),
                0.97,
                "Harbour Cafe"),
            new FieldValue(
                "/total", data.get("total"), 1, new BBox(0.7, 0.8, 0.9, 0.83), 0.55, "9.OO"),
            new FieldValue(
                "/items/0/amount",
                data.at("/items/0/amount"),
                1,
                new BBox(0.7, 0.4, 0.9, 0.43),
                0.9,
                "3.00"));
    ExtractionResult result =
        new ExtractionResult(
            new DocumentSource(Path.of("/in/r.pdf"), "ab".repeat(32), DocumentKind.PDF, 10),
            1,
            "receipt",
            EngineInfo.OCR,
            data,
            fields,
            List.of("date: not found", "tax: not found"),
            new StageTimings(1, 2, 3));
    review = new EditableResult(schema, result);
  }

  private FormRow.Field row(String pointer) {
    return review.rows().stream()
        .filter(r -> r instanceof FormRow.Field f && f.pointer().equals(pointer))
        .map(r -> (FormRow.Field) r)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theFormListsEveryFieldOfTheSchemaWithItemsAsGroups() {
    List<String> labels = review.rows().stream().map(FormRow::label).toList();
    assertThat(labels)
        .containsSubsequence("Company", "Address", "Date", "Time", "Currency", "Total", "Tax")
        .containsSubsequence("Items", "Item 1", "Description", "Quantity", "Unit price", "Amount");
    assertThat(row("/items/0/amount").depth()).isEqualTo(2);
    assertThat(review.text("/items/0/quantity")).isEqualTo("2");
    assertThat(review.text("/address")).isEmpty();
  }

  @Test
  void anInvalidEditIsReportedAtItsFieldInPlainWords() {
    assertThat(review.valid()).isTrue();
    assertThat(review.edit(row("/total"), "12,5"))
        .containsExactly("must be an amount with two decimals, such as 12.50");
    assertThat(review.valid()).isFalse();
    assertThat(review.edit(row("/items/0/quantity"), "two")).containsExactly("must be a number");
    assertThat(review.edit(row("/date"), "15/03/2024"))
        .singleElement()
        .asString()
        .contains("YYYY-MM-DD");
    assertThat(review.violationCount()).isEqualTo(3);
  }

  @Test
  void aValidEditGoesIntoTheDataWithItsBoxAndANote() {
    assertThat(review.edit(row("/total"), " 12.50 ")).isEmpty();
    ExtractionResult snapshot = review.snapshot();

    assertThat(snapshot.data().get("total").asText()).isEqualTo("12.50");
    FieldValue total =
        snapshot.fields().stream().filter(f -> f.path().equals("/total")).findFirst().orElseThrow();
    assertThat(total.value().asText()).isEqualTo("12.50");
    assertThat(total.confidence()).isEqualTo(1.0);
    assertThat(total.bbox()).isEqualTo(new BBox(0.7, 0.8, 0.9, 0.83));
    assertThat(total.source()).as("what OCR read").isEqualTo("9.OO");
    assertThat(snapshot.warnings())
        .containsExactly(
            "date: not found", "tax: not found", "total: corrected by hand (read as 9.00)");
    assertThat(schema.validate(snapshot.data())).isEmpty();
    assertThat(review.edited("/total")).isTrue();
  }

  @Test
  void filledInValuesReplaceTheirNotFoundWarning() {
    review.edit(row("/date"), "2024-03-15");
    review.edit(row("/items/0/quantity"), "3");
    ExtractionResult snapshot = review.snapshot();
    assertThat(snapshot.data().get("date").asText()).isEqualTo("2024-03-15");
    assertThat(snapshot.data().at("/items/0/quantity").isInt()).isTrue();
    assertThat(snapshot.warnings())
        .contains("tax: not found", "date: corrected by hand")
        .doesNotContain("date: not found");
    assertThat(review.field("/date")).as("typed in: no box").isEmpty();
  }

  @Test
  void blankingAValueRemovesItOrNullsARequiredOne() {
    review.edit(row("/items/0/amount"), "");
    review.edit(row("/company"), "");
    ExtractionResult snapshot = review.snapshot();
    assertThat(snapshot.data().at("/items/0").has("amount")).isFalse();
    assertThat(snapshot.data().get("company").isNull()).as("required, nullable").isTrue();
    assertThat(snapshot.fields()).extracting(FieldValue::path).containsExactly("/total");
    assertThat(review.valid()).isTrue();
  }

  @Test
  void typingTheValueReadBackUndoesTheCorrection() {
    review.edit(row("/total"), "12.50");
    review.edit(row("/total"), "9.00");
    assertThat(review.hasEdits()).isFalse();
    assertThat(review.snapshot()).isEqualTo(review.original());
  }

  @Test
  void aSnapshotIsACopy() {
    ExtractionResult before = review.snapshot();
    review.edit(row("/total"), "1.00");
    assertThat(before.data().get("total").asText()).isEqualTo("9.00");
    assertThat(review.original().data().get("total").asText()).isEqualTo("9.00");
  }
}
