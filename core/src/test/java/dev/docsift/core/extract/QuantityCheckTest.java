package dev.docsift.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrLine;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.schemas.FieldSpec;
import dev.docsift.schemas.SchemaCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QuantityCheckTest {
  private static FieldSpec quantity;
  private static FieldSpec unitPrice;
  private static FieldSpec amount;
  private static final OcrWord GARBLED = new OcrWord("=}", new Box(100, 10, 120, 30), 0.4);
  private static final OcrPage PAGE =
      new OcrPage(1, 1000, 1000, List.of(OcrLine.of(List.of(GARBLED))), 0, 0);

  @BeforeAll
  static void fields() throws Exception {
    FieldSpec items = SchemaCatalog.shipped().get("invoice").field("items").orElseThrow();
    quantity = items.child("quantity");
    unitPrice = items.child("unit_price");
    amount = items.child("amount");
  }

  private static Map<FieldSpec, Candidate> row(String price, String total) {
    Map<FieldSpec, Candidate> item = new LinkedHashMap<>();
    OcrWord p = new OcrWord(price, new Box(300, 10, 360, 30), 0.9);
    OcrWord a = new OcrWord(total, new Box(500, 10, 560, 30), 0.9);
    item.put(
        unitPrice, Candidate.of(JsonNodeFactory.instance.textNode(price), List.of(p), PAGE, 1));
    item.put(amount, Candidate.of(JsonNodeFactory.instance.textNode(total), List.of(a), PAGE, 1));
    return item;
  }

  @Test
  void aMisreadQuantityIsRestoredFromPriceAndAmount() {
    Map<FieldSpec, Candidate> item = row("183.08", "549.24");
    QuantityCheck.reconcile(item, quantity, unitPrice, amount, List.of(GARBLED), PAGE);
    assertThat(item.get(quantity).value().decimalValue()).isEqualByComparingTo("3");
    assertThat(item.get(quantity).words()).containsExactly(GARBLED);
    assertThat(item.get(quantity).confidence()).isLessThan(0.4);
  }

  @Test
  void aDroppedDecimalPointIsRestoredToAFraction() {
    Map<FieldSpec, Candidate> item = row("75.00", "1612.50");
    OcrWord read = new OcrWord("215", new Box(100, 10, 130, 30), 0.8);
    item.put(
        quantity, Candidate.of(JsonNodeFactory.instance.numberNode(215), List.of(read), PAGE, 1));
    QuantityCheck.reconcile(item, quantity, unitPrice, amount, List.of(read), PAGE);
    assertThat(item.get(quantity).value().decimalValue()).isEqualByComparingTo("21.5");
  }

  @Test
  void aConsistentQuantityStaysAndNothingIsInventedForAnEmptyCell() {
    Map<FieldSpec, Candidate> item = row("10.00", "30.00");
    OcrWord read = new OcrWord("3", new Box(100, 10, 110, 30), 0.9);
    Candidate three = Candidate.of(JsonNodeFactory.instance.numberNode(3), List.of(read), PAGE, 1);
    item.put(quantity, three);
    QuantityCheck.reconcile(item, quantity, unitPrice, amount, List.of(read), PAGE);
    assertThat(item.get(quantity)).isSameAs(three);

    Map<FieldSpec, Candidate> empty = row("10.00", "30.00");
    QuantityCheck.reconcile(empty, quantity, unitPrice, amount, List.of(), PAGE);
    assertThat(empty).doesNotContainKey(quantity);
  }

  @Test
  void anOddRatioChangesNothing() {
    Map<FieldSpec, Candidate> item = row("7.00", "10.00");
    QuantityCheck.reconcile(item, quantity, unitPrice, amount, List.of(GARBLED), PAGE);
    assertThat(item).doesNotContainKey(quantity);
  }
}
