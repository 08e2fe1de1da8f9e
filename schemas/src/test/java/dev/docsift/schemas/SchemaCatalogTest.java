package dev.docsift.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.errors.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaCatalogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SchemaCatalog catalog = SchemaCatalog.shipped();

  @Test
  void shipsReceiptAndInvoice() {
    assertThat(catalog.ids()).containsExactly("invoice", "receipt");
  }

  @ParameterizedTest
  @ValueSource(strings = {"receipt", "invoice"})
  void shippedSchemasCompileAndHaveHintedFields(String id) throws Exception {
    DocumentSchema schema = catalog.get(id);
    assertThat(schema.fields()).isNotEmpty();
    assertThat(schema.field("total").orElseThrow().kind()).isEqualTo(ValueKind.MONEY);
    assertThat(schema.field("items").orElseThrow().kind()).isEqualTo(ValueKind.TABLE);
    assertThat(schema.field("items").orElseThrow().children())
        .extracting(FieldSpec::name)
        .containsExactly("description", "quantity", "unit_price", "amount");
    assertThat(schema.validate(JSON.readTree("{\"total\": \"9.00\"}")))
        .as("required nullable fields are missing")
        .isNotEmpty();
  }

  @Test
  void formatAssertionsRejectImpossibleDates() throws Exception {
    DocumentSchema receipt = catalog.get("receipt");
    ObjectNode good =
        (ObjectNode)
            JSON.readTree("{\"company\": \"A\", \"date\": \"2018-12-25\", \"total\": \"9.00\"}");
    assertThat(receipt.validate(good)).isEmpty();
    ObjectNode bad = good.deepCopy().put("date", "2018-13-45");
    assertThat(receipt.validate(bad)).singleElement().asString().contains("date");
  }

  @Test
  void nullableRequiredFieldsAcceptNull() throws Exception {
    DocumentSchema receipt = catalog.get("receipt");
    assertThat(
            receipt.validate(JSON.readTree("{\"company\": null, \"date\": null, \"total\": null}")))
        .isEmpty();
    assertThat(receipt.field("total").orElseThrow().nullable()).isTrue();
    assertThat(receipt.field("tax").orElseThrow().nullable()).isFalse();
  }

  @Test
  void refsAreFollowedAndSiblingHintsWin() throws Exception {
    DocumentSchema invoice = catalog.get("invoice");
    FieldSpec seller = invoice.field("seller").orElseThrow();
    assertThat(seller.kind()).isEqualTo(ValueKind.PARTY);
    assertThat(seller.region()).isEqualTo(Region.HEADER);
    assertThat(seller.child("tax_id").pointer()).isEqualTo("/seller/tax_id");
    assertThat(seller.child("tax_id").labels()).contains("vat id");
    java.util.List<String> labels = invoice.field("subtotal").orElseThrow().labels();
    assertThat(labels).contains("subtotal", "net total");
    assertThat(labels).as("longest first").isSortedAccordingTo((a, b) -> b.length() - a.length());
    assertThat(invoice.field("items").orElseThrow().child("amount").pointer()).isEqualTo("/amount");
  }

  @Test
  void userSchemaWithoutHintsGetsLabelsFromNames(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("delivery-note.schema.json");
    Files.writeString(
        file,
        """
        {"type": "object", "properties": {
          "order_number": {"type": "string"},
          "delivery_date": {"type": "string", "format": "date"},
          "weight": {"type": "number"}}}
        """);
    DocumentSchema schema = catalog.resolve(file.toString());
    assertThat(schema.id()).isEqualTo("delivery-note");
    assertThat(schema.field("order_number").orElseThrow().labels()).containsExactly("order number");
    assertThat(schema.field("delivery_date").orElseThrow().kind()).isEqualTo(ValueKind.DATE);
    assertThat(schema.field("weight").orElseThrow().numeric()).isTrue();
  }

  @Test
  void unknownIdNamesTheShippedOnes() {
    assertThatThrownBy(() -> catalog.resolve("passport"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("invoice, receipt")
        .extracting(e -> ((SchemaException) e).code())
        .isEqualTo(ErrorCode.SCHEMA_NOT_FOUND);
  }

  @Test
  void brokenJsonIsInvalid(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\"type\": ");
    assertThatThrownBy(() -> catalog.resolve(file.toString()))
        .isInstanceOf(SchemaException.class)
        .extracting(e -> ((SchemaException) e).code())
        .isEqualTo(ErrorCode.SCHEMA_INVALID);
  }

  @Test
  void remoteRefsAreRefusedRatherThanFetched(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("remote.json");
    Files.writeString(
        file,
        "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"https://example.com/a.json\"}}}");
    assertThatThrownBy(() -> SchemaCatalog.load(file))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("offline");
  }

  @Test
  void unknownHintKindIsReported(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("odd.json");
    Files.writeString(
        file,
        "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\", \"x-docsift\": {\"kind\": \"colour\"}}}}");
    assertThatThrownBy(() -> SchemaCatalog.load(file)).hasMessageContaining("colour");
  }
}
