package dev.docsift.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.core.model.FieldValue;
import dev.docsift.core.model.OcrPage;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReceiptExtractionTest {
  private static DocumentSchema receipt;
  private final SchemaExtractor extractor = new SchemaExtractor();

  @BeforeAll
  static void load() throws Exception {
    receipt = SchemaCatalog.shipped().get("receipt");
  }

  static OcrPage coffeeHouse() {
    return PageBuilder.receipt()
        .center(60, 60, "THE COFFEE HOUSE")
        .center(150, 32, "12 Main Street")
        .center(195, 32, "Springfield IL 62704")
        .center(240, 32, "Tel: 555-0134")
        .text(40, 330, 32, "Date: 25/12/2018")
        .text(560, 330, 32, "Time: 2:32 PM")
        .text(40, 430, "Cappuccino")
        .right(860, 430, "7.00")
        .text(80, 475, "2 x 3.50")
        .text(40, 520, "Blueberry Muffin")
        .right(860, 520, "3.25")
        .text(40, 565, "3 x Water")
        .right(860, 565, "3.00")
        .text(40, 660, "Subtotal")
        .right(860, 660, "13.25")
        .text(40, 705, "Tax")
        .right(860, 705, "1.06")
        .text(40, 750, "TOTAL")
        .right(860, 750, "$14.31")
        .text(40, 840, "CASH")
        .right(860, 840, "20.00")
        .text(40, 885, "CHANGE")
        .right(860, 885, "5.69")
        .build();
  }

  @Test
  void readsAFullReceipt() {
    OcrPage page = coffeeHouse();
    Extraction x = extractor.extract(List.of(page), receipt);
    JsonNode d = x.data();
    assertThat(d.path("company").asText()).isEqualTo("THE COFFEE HOUSE");
    assertThat(d.path("address").asText()).isEqualTo("12 Main Street Springfield IL 62704");
    assertThat(d.path("date").asText()).isEqualTo("2018-12-25");
    assertThat(d.path("time").asText()).isEqualTo("14:32");
    assertThat(d.path("total").asText()).isEqualTo("14.31");
    assertThat(d.path("tax").asText()).isEqualTo("1.06");
    assertThat(d.path("currency").asText()).isEqualTo("USD");
    JsonNode items = d.path("items");
    assertThat(items).hasSize(3);
    assertThat(items.get(0).path("description").asText()).isEqualTo("Cappuccino");
    assertThat(items.get(0).path("quantity").asInt()).isEqualTo(2);
    assertThat(items.get(0).path("unit_price").asText()).isEqualTo("3.50");
    assertThat(items.get(0).path("amount").asText()).isEqualTo("7.00");
    assertThat(items.get(1).path("description").asText()).isEqualTo("Blueberry Muffin");
    assertThat(items.get(1).has("quantity")).isFalse();
    assertThat(items.get(1).path("amount").asText()).isEqualTo("3.25");
    assertThat(items.get(2).path("description").asText()).isEqualTo("Water");
    assertThat(items.get(2).path("quantity").asInt()).isEqualTo(3);
    // "3 x Water 3.00" prints no unit price: none is made up from the amount.
    assertThat(items.get(2).has("unit_price")).isFalse();
    assertThat(receipt.validate(d)).isEmpty();
  }

  @Test
  void provenancePointsAtTheSourceWords() {
    OcrPage page = coffeeHouse();
    Extraction x = extractor.extract(List.of(page), receipt);
    assertThat(field(x, "/total").bbox()).isEqualTo(PageBuilder.boxOf(page, "$14.31"));
    assertThat(field(x, "/total").source()).isEqualTo("$14.31");
    assertThat(field(x, "/total").page()).isEqualTo(1);
    // The learned scorer's certainty: well above a coin toss, below a sure reading.
    assertThat(field(x, "/total").confidence()).isBetween(0.7, 0.95);
    assertThat(field(x, "/company").bbox()).isEqualTo(PageBuilder.boxOf(page, "THE COFFEE HOUSE"));
    assertThat(field(x, "/date").bbox()).isEqualTo(PageBuilder.boxOf(page, "25/12/2018"));
    assertThat(field(x, "/time").bbox()).isEqualTo(PageBuilder.boxOf(page, "2:32 PM"));
    assertThat(field(x, "/items/0/unit_price").bbox()).isEqualTo(PageBuilder.boxOf(page, "3.50"));
    assertThat(field(x, "/items/1/amount").bbox()).isEqualTo(PageBuilder.boxOf(page, "3.25"));
    assertThat(field(x, "/items/1/amount").value().asText()).isEqualTo("3.25");
    for (FieldValue f : x.fields()) {
      assertThat(x.data().at(f.path())).as(f.path()).isEqualTo(f.value());
    }
  }

  @Test
  void toleratesOcrNoiseInLabels() {
    OcrPage page =
        PageBuilder.receipt()
            .center(60, 60, "CORNER SHOP")
            .text(40, 200, "Dale: 3.1.2019")
            .text(40, 300, "Bread")
            .right(860, 300, "2.00")
            .text(40, 345, "Milk")
            .right(860, 345, "1.10")
            .text(40, 440, "Sub Total")
            .right(860, 440, "3.10")
            .text(40, 485, "T0TAL")
            .right(860, 485, "3.1O")
            .build();
    Extraction x = extractor.extract(List.of(page), receipt);
    assertThat(x.data().path("total").asText()).isEqualTo("3.10");
    assertThat(x.data().path("items")).hasSize(2);
    assertThat(receipt.validate(x.data())).isEmpty();
  }

  @Test
  void subtotalIsNotTakenForTheTotal() {
    OcrPage page =
        PageBuilder.receipt()
            .center(60, 60, "CORNER SHOP")
            .text(40, 300, "Bread")
            .right(860, 300, "2.00")
            .text(40, 440, "Sub Total")
            .right(860, 440, "2.00")
            .text(40, 485, "VAT")
            .right(860, 485, "0.40")
            .text(40, 530, "Amount Due")
            .right(860, 530, "2.40")
            .text(40, 620, "Total items: 1")
            .build();
    Extraction x = extractor.extract(List.of(page), receipt);
    assertThat(x.data().path("total").asText()).isEqualTo("2.40");
    assertThat(x.data().path("tax").asText()).isEqualTo("0.40");
  }

  @Test
  void aMissingTotalIsNullWithAWarningAndTheDataStillValidates() {
    OcrPage page =
        PageBuilder.receipt()
            .center(60, 60, "CORNER SHOP")
            .text(40, 300, "Bread")
            .text(40, 400, "Thank you")
            .build();
    // No amount printed at all. (A lone unlabelled amount may well be taken as the total: on real
    // receipts OCR often loses the label, and the learned scorer takes a sure pick.)
    Extraction x = extractor.extract(List.of(page), receipt);
    assertThat(x.data().get("total").isNull()).isTrue();
    assertThat(x.data().get("date").isNull()).isTrue();
    assertThat(x.warnings()).contains("total: not found", "date: not found");
    assertThat(x.fields()).noneMatch(f -> f.path().equals("/total"));
    assertThat(receipt.validate(x.data())).isEmpty();
  }

  @Test
  void anEmptyDocumentGivesValidData() {
    Extraction x = extractor.extract(List.of(), receipt);
    assertThat(receipt.validate(x.data())).isEmpty();
    assertThat(x.data().get("company").isNull()).isTrue();
    Extraction blank = extractor.extract(List.of(PageBuilder.receipt().build()), receipt);
    assertThat(receipt.validate(blank.data())).isEmpty();
  }

  @Test
  void quantityLineBeforeTheItemAndTimeWithSeconds() {
    OcrPage page =
        PageBuilder.receipt()
            .center(60, 60, "KIOSK 24")
            .text(40, 200, "12/25/2018 14:32:05")
            .text(80, 300, "2 @ 1.25")
            .text(40, 345, "Chewing gum")
            .right(860, 345, "2.50")
            .text(40, 440, "TOTAL")
            .right(860, 440, "EUR 2,50")
            .build();
    Extraction x = extractor.extract(List.of(page), receipt);
    JsonNode d = x.data();
    assertThat(d.path("items")).hasSize(1);
    assertThat(d.path("items").get(0).path("quantity").asInt()).isEqualTo(2);
    assertThat(d.path("items").get(0).path("unit_price").asText()).isEqualTo("1.25");
    assertThat(d.path("total").asText()).isEqualTo("2.50");
    assertThat(d.path("currency").asText()).isEqualTo("EUR");
    assertThat(receipt.validate(d)).isEmpty();
  }

  @Test
  void aDottedTimeBelowTheDateIsTheTimeButADottedAmountElsewhereIsNot() {
    OcrPage page =
        PageBuilder.receipt()
            .center(60, 60, "BRIGHT BRASSERIE")
            .text(40, 200, "Espresso")
            .right(860, 200, "3.17")
            .text(40, 300, "TOTAL")
            .right(860, 300, "3.17")
            .text(40, 400, "15-NOV-2020")
            .text(40, 445, "21.57")
            .build();
    Extraction x = extractor.extract(List.of(page), receipt);
    assertThat(x.data().path("date").asText()).isEqualTo("2020-11-15");
    assertThat(x.data().path("time").asText()).isEqualTo("21:57");
    FieldValue time = field(x, "/time");
    assertThat(time.bbox()).isEqualTo(PageBuilder.boxOf(page, "21.57"));
    assertThat(time.confidence()).isLessThan(field(x, "/date").confidence());
    assertThat(receipt.validate(x.data())).isEmpty();

    OcrPage noTime =
        PageBuilder.receipt()
            .center(60, 60, "BRIGHT BRASSERIE")
            .text(40, 200, "15-NOV-2020")
            .text(40, 300, "Espresso")
            .right(860, 300, "21.57")
            .text(40, 400, "TOTAL")
            .right(860, 400, "21.57")
            .build();
    Extraction y = extractor.extract(List.of(noTime), receipt);
    assertThat(y.data().has("time")).as(y.data().toString()).isFalse();
  }

  @Test
  void aTwoLineItemWhoseAmountLostItsPointIsRebuiltFromQuantityAndPrice() {
    OcrPage page =
        PageBuilder.receipt()
            .center(60, 60, "BRIGHT BRASSERIE")
            .text(40, 200, "Espresso")
            .right(860, 200, "3.17")
            .text(40, 245, "Tomato Soup")
            .text(80, 290, "3 @ 7.99")
            .right(860, 290, "23097")
            .text(40, 335, "Tiramisu")
            .right(860, 335, "6.95")
            .text(40, 430, "TOTAL")
            .right(860, 430, "34.09")
            .build();
    Extraction x = extractor.extract(List.of(page), receipt);
    JsonNode items = x.data().path("items");
    assertThat(items).as(items.toString()).hasSize(3);
    JsonNode soup = items.get(1);
    assertThat(soup.path("description").asText()).isEqualTo("Tomato Soup");
    assertThat(soup.path("quantity").asInt()).isEqualTo(3);
    assertThat(soup.path("unit_price").asText()).isEqualTo("7.99");
    assertThat(soup.path("amount").asText()).isEqualTo("23.97");
    FieldValue amount = field(x, "/items/1/amount");
    assertThat(amount.bbox()).isEqualTo(PageBuilder.boxOf(page, "23097"));
    assertThat(amount.confidence()).isLessThan(field(x, "/items/0/amount").confidence());
    assertThat(items.get(2).path("description").asText()).isEqualTo("Tiramisu");
    assertThat(receipt.validate(x.data())).isEmpty();
  }

  @Test
  void theAddressEndsAtAnUnreadableLineOrARuleReadAsLetters() {
    OcrPage page =
        PageBuilder.receipt()
            .center(60, 60, "BRIGHT BRASSERIE")
            .center(150, 32, "139 Mill Lane")
            .confidence(0.1)
            .center(195, 32, "qrepere) dh. (eter Cle")
            .confidence(0.9)
            .text(40, 240, "KREKK KEK KEK KEK KEKE KEKE KEKE KRE EKER")
            .text(40, 300, "Draft Beer")
            .text(80, 345, "4 @ 5.47")
            .right(860, 345, "21.88")
            .text(40, 390, "Espresso")
            .right(860, 390, "3.17")
            .text(40, 480, "TOTAL")
            .right(860, 480, "25.05")
            .build();
    Extraction x = extractor.extract(List.of(page), receipt);
    assertThat(x.data().path("address").asText()).isEqualTo("139 Mill Lane");
    JsonNode items = x.data().path("items");
    assertThat(items).as(items.toString()).hasSize(2);
    assertThat(items.get(0).path("description").asText()).isEqualTo("Draft Beer");
    assertThat(items.get(0).path("amount").asText()).isEqualTo("21.88");
    assertThat(items.get(0).path("quantity").asInt()).isEqualTo(4);
  }

  static FieldValue field(Extraction x, String path) {
    return x.fields().stream()
        .filter(f -> f.path().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no field " + path + " in " + x.fields()));
  }
}
