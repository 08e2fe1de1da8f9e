package dev.docsift.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.docsift.core.model.BBox;
import dev.docsift.core.model.FieldValue;
import dev.docsift.schemas.SchemaCatalog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaGuardTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'$.total: does not match' | /total",
        "'$.items[3].amount: x' | /items/3/amount",
        "'$: required property ''total'' not found' | ''",
        "'/items/0/description: y' | /items/0/description",
        "'$.seller.tax_id: z' | /seller/tax_id",
      })
  void readsErrorPaths(String message, String pointer) {
    assertThat(SchemaGuard.pointerOf(message)).isEqualTo(pointer);
  }

  @Test
  void dropsInvalidValuesAndRenumbersItems() throws Exception {
    var receipt = SchemaCatalog.shipped().get("receipt");
    ObjectNode data =
        (ObjectNode)
            JSON.readTree(
                """
                {"company": "A", "date": "2018-13-45", "total": "1.00",
                 "items": [{"description": "x", "amount": "1"}, {"description": "y", "amount": "2.00"}]}
                """);
    BBox box = new BBox(0, 0, 1, 1);
    List<FieldValue> fields = new ArrayList<>();
    for (String p :
        List.of(
            "/date",
            "/items/0/amount",
            "/items/0/description",
            "/items/1/amount",
            "/items/1/description")) {
      fields.add(new FieldValue(p, data.at(p), 1, box, 0.9, "s"));
    }
    List<String> warnings = new ArrayList<>();
    List<String> left = SchemaGuard.enforce(receipt, data, fields, warnings);
    assertThat(left).isEmpty();
    assertThat(receipt.validate(data)).isEmpty();
    assertThat(data.get("date").isNull()).isTrue();
    assertThat(data.at("/items/0").has("amount")).isFalse();
    assertThat(fields)
        .extracting(FieldValue::path)
        .containsExactly("/items/0/description", "/items/1/amount", "/items/1/description");
    assertThat(warnings).anyMatch(w -> w.startsWith("date: dropped"));
    assertThat(warnings).anyMatch(w -> w.startsWith("items/0/amount: dropped"));
  }

  @Test
  void removingAnItemRenumbersTheOnesAfter() {
    ObjectNode data = JSON.createObjectNode();
    var arr = data.putArray("items");
    arr.addObject().put("d", "a");
    arr.addObject().put("d", "b");
    arr.addObject().put("d", "c");
    BBox box = new BBox(0, 0, 1, 1);
    List<FieldValue> fields = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      fields.add(new FieldValue("/items/" + i + "/d", TextNode.valueOf("x"), 1, box, 1, "s"));
    }
    assertThat(SchemaGuard.remove(data, "/items/1", fields)).isTrue();
    assertThat(fields).extracting(FieldValue::path).containsExactly("/items/0/d", "/items/1/d");
    assertThat(data.at("/items/1/d").asText()).isEqualTo("c");
  }
}
