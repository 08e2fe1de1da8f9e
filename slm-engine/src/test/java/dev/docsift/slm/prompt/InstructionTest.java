package dev.docsift.slm.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.schemas.SchemaCatalog;
import org.junit.jupiter.api.Test;

class InstructionTest {
  @Test
  void receiptFieldsAreListedWithTypesDescriptionsAndNestedItems() throws Exception {
    String text = Instruction.forSchema(SchemaCatalog.shipped().get("receipt"));
    assertThat(text).startsWith("Extract the data of this receipt as one JSON object.");
    assertThat(text)
        .contains("\n- company: text or null. The merchant's name")
        .contains("\n- date: date YYYY-MM-DD or null.")
        .contains("\n- items: list of objects. The lines of the receipt.")
        .contains("\n  - quantity: number")
        .contains("\n  - description: text");
  }

  @Test
  void invoicePartiesAreNested() throws Exception {
    String text = Instruction.forSchema(SchemaCatalog.shipped().get("invoice"));
    assertThat(text).containsPattern("\n- seller: [^\n]*object").contains("\n  - tax_id: ");
  }
}
