package dev.docsift.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.FieldSpec;
import dev.docsift.schemas.SchemaCatalog;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Typed text becomes the JSON type the schema wants, or stays text for the validator to judge. */
class ValueTextTest {
  private static FieldSpec field(String schemaId, String pointer) throws Exception {
    DocumentSchema schema = SchemaCatalog.shipped().get(schemaId);
    return FormLayout.rows(schema, new ObjectMapper().readTree("{\"items\": [{}]}")).stream()
        .filter(r -> r instanceof FormRow.Field f && f.pointer().equals(pointer))
        .map(r -> ((FormRow.Field) r).spec())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void numbersBecomeNumbersAndTheRestStaysText() throws Exception {
    FieldSpec quantity = field("receipt", "/items/0/quantity");
    assertThat(ValueText.parse(quantity, "4")).get().matches(JsonNode::isInt);
    assertThat(ValueText.parse(quantity, "2.50").map(JsonNode::decimalValue).map(Object::toString))
        .contains("2.50");
    assertThat(ValueText.parse(quantity, "two")).get().matches(JsonNode::isTextual);
    FieldSpec total = field("receipt", "/total");
    assertThat(ValueText.parse(total, "12.50")).get().matches(JsonNode::isTextual);
    assertThat(ValueText.parse(total, "   ")).get().matches(JsonNode::isNull);
    assertThat(ValueText.parse(field("receipt", "/tax"), "")).isEqualTo(Optional.empty());
  }

  @Test
  void valuesDisplayAsWritten() throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertThat(ValueText.display(json.readTree("\"9.00\""))).isEqualTo("9.00");
    assertThat(ValueText.display(json.readTree("4"))).isEqualTo("4");
    assertThat(ValueText.display(json.readTree("null"))).isEmpty();
    assertThat(ValueText.display(json.readTree("[\"a\", \"b\"]"))).isEqualTo("a; b");
    assertThat(ValueText.display(json.missingNode())).isEmpty();
  }

  @Test
  void labelsReadLikeWords() {
    assertThat(FormLayout.label("unit_price")).isEqualTo("Unit price");
    assertThat(FormLayout.label("tax_id")).isEqualTo("Tax ID");
    assertThat(FormLayout.label("invoiceNumber")).isEqualTo("Invoice number");
  }
}
