package dev.docsift.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.schemas.SchemaCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validator's sentences are tied to the value at fault. */
class ViolationTest {
  @Test
  void realValidatorMessagesPointAtTheirValue() throws Exception {
    List<Violation> v =
        Violation.parse(
            SchemaCatalog.shipped()
                .get("invoice")
                .validate(
                    new ObjectMapper()
                        .readTree(
                            """
                            {"seller": {"name": 5}, "total": "1,00", "odd": true,
                             "items": [{"description": "x", "quantity": "many"}]}
                            """)));
    assertThat(v)
        .extracting(Violation::pointer)
        .contains("/seller/name", "/total", "/items/0/quantity", "/invoice_number", "");
    assertThat(v)
        .filteredOn(x -> x.pointer().equals("/invoice_number"))
        .extracting(Violation::message)
        .containsExactly("is required");
  }

  @Test
  void sentencesWithoutALocationBelongToTheDocument() {
    assertThat(Violation.parse("something odd")).isEqualTo(new Violation("", "something odd"));
    assertThat(Violation.parse(": required property 'a/b' not found").pointer()).isEqualTo("/a~1b");
  }
}
