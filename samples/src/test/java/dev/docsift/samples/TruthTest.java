package dev.docsift.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TruthTest {
  private static final long[] BASE_SEEDS = {1, 42, 2024, -7};

  @ParameterizedTest
  @EnumSource(DocumentType.class)
  void hundredTruthsOfEachKindValidateAgainstTheShippedSchema(DocumentType type) throws Exception {
    DocumentSchema schema = SchemaCatalog.shipped().get(type.schemaId());
    for (long base : BASE_SEEDS) {
      for (int i = 0; i < 25; i++) {
        long seed = SampleGenerator.seedFor(base, type, i);
        ObjectNode truth = SampleGenerator.truth(type, seed);
        assertThat(schema.validate(truth)).as("seed %d: %s", seed, truth).isEmpty();
      }
    }
  }

  @Test
  void receiptTotalsAddUp() {
    for (int i = 0; i < 300; i++) {
      ObjectNode truth = SampleGenerator.truth(DocumentType.RECEIPT, i);
      BigDecimal sum = sumOfItems(truth);
      BigDecimal total = new BigDecimal(truth.get("total").asText());
      BigDecimal tax = truth.has("tax") ? new BigDecimal(truth.get("tax").asText()) : null;
      // Tax is either included in the item prices or added to their sum.
      boolean included = sum.compareTo(total) == 0;
      boolean added = tax != null && sum.add(tax).compareTo(total) == 0;
      assertThat(included || added).as("seed %d: %s", i, truth).isTrue();
      assertThat(total.signum()).isPositive();
      checkLines(truth);
    }
  }

  @Test
  void invoiceTotalsAddUp() {
    for (int i = 0; i < 300; i++) {
      ObjectNode truth = SampleGenerator.truth(DocumentType.INVOICE, i);
      BigDecimal sum = sumOfItems(truth);
      BigDecimal total = new BigDecimal(truth.get("total").asText());
      BigDecimal tax = truth.has("tax") ? new BigDecimal(truth.get("tax").asText()) : null;
      if (truth.has("subtotal")) {
        assertThat(new BigDecimal(truth.get("subtotal").asText())).isEqualByComparingTo(sum);
      }
      assertThat(tax == null ? sum : sum.add(tax)).as("seed %d", i).isEqualByComparingTo(total);
      LocalDate issued = LocalDate.parse(truth.get("issue_date").asText());
      if (truth.has("due_date")) {
        assertThat(LocalDate.parse(truth.get("due_date").asText())).isAfter(issued);
      }
      assertThat(truth.get("seller").get("name").asText()).isNotBlank();
      assertThat(truth.get("buyer").get("name").asText()).isNotBlank();
      checkLines(truth);
    }
  }

  @Test
  void truthVariesWithTheSeedAndCoversTheOptionalFields() {
    Set<JsonNode> receipts = new HashSet<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      ObjectNode receipt = SampleGenerator.truth(DocumentType.RECEIPT, i);
      receipts.add(receipt);
      receipt.fieldNames().forEachRemaining(f -> seen.add("receipt." + f));
      ObjectNode invoice = SampleGenerator.truth(DocumentType.INVOICE, i);
      invoice.fieldNames().forEachRemaining(f -> seen.add("invoice." + f));
      invoice.get("seller").fieldNames().forEachRemaining(f -> seen.add("seller." + f));
      invoice.get("buyer").fieldNames().forEachRemaining(f -> seen.add("buyer." + f));
      for (JsonNode item : receipt.get("items")) {
        item.fieldNames().forEachRemaining(f -> seen.add("receipt.item." + f));
      }
      for (JsonNode item : invoice.get("items")) {
        item.fieldNames().forEachRemaining(f -> seen.add("invoice.item." + f));
      }
    }
    assertThat(receipts).hasSize(200);
    assertThat(seen)
        .contains(
            "receipt.address",
            "receipt.time",
            "receipt.currency",
            "receipt.tax",
            "receipt.item.quantity",
            "receipt.item.unit_price",
            "invoice.due_date",
            "invoice.currency",
            "invoice.subtotal",
            "invoice.tax",
            "invoice.item.quantity",
            "invoice.item.unit_price",
            "seller.tax_id",
            "buyer.tax_id");
  }

  @ParameterizedTest
  @EnumSource(DocumentType.class)
  void layoutNeverRunsOffThePageOverManySeeds(DocumentType type) {
    // truth() lays the page out, and layout refuses text that would not be on the page.
    for (int i = 0; i < 1000; i++) {
      assertThat(SampleGenerator.truth(type, 1_000_000L + i)).isNotNull();
    }
  }

  private static BigDecimal sumOfItems(JsonNode truth) {
    BigDecimal sum = BigDecimal.ZERO;
    for (JsonNode item : truth.get("items")) {
      sum = sum.add(new BigDecimal(item.get("amount").asText()));
    }
    return sum;
  }

  private static void checkLines(JsonNode truth) {
    assertThat(truth.get("items").size()).isPositive();
    for (JsonNode item : truth.get("items")) {
      if (item.has("quantity") && item.has("unit_price")) {
        BigDecimal expected =
            item.get("quantity")
                .decimalValue()
                .multiply(new BigDecimal(item.get("unit_price").asText()))
                .setScale(2, RoundingMode.HALF_UP);
        assertThat(new BigDecimal(item.get("amount").asText())).isEqualByComparingTo(expected);
      }
    }
  }
}
