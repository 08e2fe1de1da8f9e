package dev.docsift.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.core.model.OcrPage;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The item-line rules for receipts read from noisy OCR. */
class ReceiptLineRulesTest {
  private static DocumentSchema receipt;
  private final SchemaExtractor extractor = new SchemaExtractor();

  @BeforeAll
  static void load() throws Exception {
    receipt = SchemaCatalog.shipped().get("receipt");
  }

  private static PageBuilder header() {
    return PageBuilder.receipt()
        .center(60, 60, "CROWN MARKET")
        .center(150, 32, "95 George Lane")
        .text(40, 240, 32, "Date: 08/03/2024");
  }

  private JsonNode extract(OcrPage page) {
    return extractor.extract(List.of(page), receipt).data();
  }

  @Test
  void taxAfterInclIsStillTheLinesLabel() {
    OcrPage page =
        header()
            .text(40, 400, "Flat White")
            .right(860, 400, "3.21")
            .text(300, 500, "TOTAL")
            .right(860, 500, "3.21")
            .text(300, 545, "Incl. VAT 20%")
            .right(860, 545, "0.54")
            .build();
    JsonNode d = extract(page);
    assertThat(d.path("tax").asText()).isEqualTo("0.54");
    assertThat(d.path("items")).hasSize(1);
  }

  @Test
  void itemAmountHeaderKeepsQuantityLinesWithTheirItem() {
    OcrPage page =
        header()
            .text(40, 330, "Item")
            .right(860, 330, "Amount")
            .text(40, 400, "Ibuprofen 200mg")
            .right(860, 400, "5.95")
            .text(40, 445, "Hand Cream")
            .text(80, 490, "2 x 8.95")
            .right(860, 490, "17.90")
            .text(300, 580, "TOTAL")
            .right(860, 580, "23.85")
            .build();
    JsonNode items = extract(page).path("items");
    assertThat(items).hasSize(2);
    assertThat(items.get(0).path("description").asText()).isEqualTo("Ibuprofen 200mg");
    assertThat(items.get(1).path("description").asText()).isEqualTo("Hand Cream");
    assertThat(items.get(1).path("quantity").asInt()).isEqualTo(2);
    assertThat(items.get(1).path("unit_price").asText()).isEqualTo("8.95");
  }

  @Test
  void amountWithAColonForItsPointIsRead() {
    OcrPage page =
        header()
            .text(40, 400, "Greek Yogurt")
            .right(860, 400, "2:58")
            .text(40, 445, "Lemonade")
            .right(860, 445, "3.09")
            .text(300, 540, "TOTAL")
            .right(860, 540, "5.67")
            .build();
    JsonNode items = extract(page).path("items");
    assertThat(items).hasSize(2);
    assertThat(items.get(0).path("amount").asText()).isEqualTo("2.58");
  }

  @Test
  void itemWithUnreadableAmountKeepsItsPlace() {
    OcrPage page =
        header()
            .text(40, 400, "Tiramisu")
            .right(860, 400, "6.34")
            .text(40, 445, "Extension Cord")
            .right(860, 445, "S13")
            .text(40, 490, "Lemonade")
            .right(860, 490, "3.95")
            .text(300, 580, "TOTAL")
            .right(860, 580, "28.42")
            .build();
    JsonNode items = extract(page).path("items");
    assertThat(items).hasSize(3);
    assertThat(items.get(1).path("description").asText()).isEqualTo("Extension Cord");
    assertThat(items.get(1).has("amount")).isFalse();
    assertThat(items.get(2).path("description").asText()).isEqualTo("Lemonade");
  }

  @Test
  void headerLineWithAWordOnTheRightIsNoItem() {
    OcrPage page =
        header()
            .text(40, 300, "Order 97171")
            .right(860, 300, "Till 9")
            .text(40, 400, "Lip Balm")
            .right(860, 400, "3.69")
            .text(300, 500, "TOTAL")
            .right(860, 500, "3.69")
            .build();
    JsonNode items = extract(page).path("items");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).path("description").asText()).isEqualTo("Lip Balm");
  }

  @Test
  void netLineEndsTheItems() {
    OcrPage page =
        header()
            .text(40, 400, "Latte")
            .right(860, 400, "3.54")
            .text(40, 490, "Net")
            .right(860, 490, "2.95")
            .text(40, 535, "VAT 20%")
            .right(860, 535, "0.59")
            .text(40, 580, "TOTAL")
            .right(860, 580, "3.54")
            .build();
    JsonNode d = extract(page);
    assertThat(d.path("items")).hasSize(1);
    assertThat(d.path("tax").asText()).isEqualTo("0.59");
  }

  @Test
  void separatorReadAsLettersIsNoItem() {
    OcrPage page =
        header()
            .text(40, 400, "Carrot Cake")
            .right(860, 400, "3.75")
            .text(40, 445, "KK KK 2K OK OK KK 2K OK")
            .text(300, 540, "TOTAL")
            .right(860, 540, "3.75")
            .build();
    JsonNode items = extract(page).path("items");
    assertThat(items).hasSize(1);
  }

  @Test
  void quantityWithPunctuationNoiseIsRead() {
    OcrPage page =
        header()
            .text(40, 400, "LED Bulb E27")
            .text(80, 445, "3x.5.95")
            .right(860, 445, "17.85")
            .text(300, 540, "TOTAL")
            .right(860, 540, "17.85")
            .build();
    JsonNode items = extract(page).path("items");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).path("quantity").asInt()).isEqualTo(3);
    assertThat(items.get(0).path("unit_price").asText()).isEqualTo("5.95");
  }

  @Test
  void garbledQuantityLineStillTakesTheDescriptionAbove() {
    OcrPage page =
        header()
            .text(40, 400, "Hand Cream")
            .text(80, 445, "2ºx58.95")
            .right(860, 445, "17.90")
            .text(300, 540, "TOTAL")
            .right(860, 540, "17.90")
            .build();
    JsonNode items = extract(page).path("items");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).path("description").asText()).isEqualTo("Hand Cream");
    assertThat(items.get(0).path("amount").asText()).isEqualTo("17.90");
  }

  @Test
  void aRestaurantChecksHeaderLinesAreNoItemsAndItsDatesAreMonthFirst() {
    // The server, table and guest lines end where the amounts do, like an item whose amount OCR
    // garbled; their date, time and "key:" say otherwise. The state and ZIP code make the
    // ambiguous 08/03 month first.
    OcrPage page =
        PageBuilder.receipt()
            .center(60, 60, "SASKA'S")
            .center(150, 32, "3768 Mission Blvd")
            .center(195, 32, "San Diego CA 92109")
            .text(40, 300, 32, "Server: Sue")
            .right(860, 300, "08/03/2017")
            .text(40, 345, 32, "Table 103/1")
            .right(860, 345, "5:51 PM")
            .text(40, 390, 32, "Guests: 2")
            .right(860, 390, "10005")
            .text(40, 480, "Draft Blackhouse")
            .right(860, 480, "7.00")
            .text(40, 525, "Add Lobster")
            .right(860, 525, "21.00")
            .text(40, 570, "Flat Whte")
            .right(860, 570, "Sl")
            .text(300, 660, "TOTAL")
            .right(860, 660, "28.00")
            .build();
    JsonNode d = extract(page);
    assertThat(d.path("date").asText()).isEqualTo("2017-08-03");
    assertThat(d.path("time").asText()).isEqualTo("17:51");
    assertThat(d.path("items").findValuesAsText("description"))
        .containsExactly("Draft Blackhouse", "Add Lobster", "Flat Whte");
  }

  @Test
  void aLabelKeepsItsWordWhenBracketsQualifyIt() {
    assertThat(Text.labelKey("Tax(8.75%):")).isEqualTo("tax");
    assertThat(Text.labelKey("Amount(RM)")).isEqualTo("amount");
    assertThat(Text.labelKey("(RM)")).isEqualTo("rm");
    OcrPage page =
        header()
            .text(40, 400, "Pad Thai")
            .right(860, 400, "34.40")
            .text(300, 500, "Subtotal:")
            .right(860, 500, "34.40")
            .text(300, 545, "Tax(8.75%):")
            .right(860, 545, "3.01")
            .text(300, 590, "TOTAL:")
            .right(860, 590, "37.41")
            .build();
    assertThat(extract(page).path("tax").asText()).isEqualTo("3.01");
  }

  @Test
  void aDateOcrSpacedOutIsReadAndItsLineIsNoItem() {
    OcrPage page =
        PageBuilder.receipt()
            .center(60, 60, "MEI LET RESTAURANT")
            .text(40, 240, 32, "Doc No. : CS00012751 Date: 15/0 1/20 18")
            .text(40, 300, 32, "BILL DT: 12/01/2017 08:44:46 PM")
            .right(860, 300, "RM")
            .text(40, 400, "STEAMED GINGER CHICKEN")
            .right(860, 400, "15.00")
            .text(300, 500, "TOTAL")
            .right(860, 500, "15.00")
            .build();
    JsonNode d = extract(page);
    assertThat(d.path("date").asText()).isEqualTo("2018-01-15");
    assertThat(d.path("items").findValuesAsText("description"))
        .containsExactly("STEAMED GINGER CHICKEN");
  }

  @Test
  void aLabelRunIntoTheNextWordAndADateThatLostASeparatorAreRead() {
    OcrPage page =
        PageBuilder.receipt()
            .center(60, 60, "KEDAI MAJU")
            .text(40, 240, 32, "REGEIPT #: C300627488 DATE: 11/022017")
            .text(40, 400, "SOCKET OUTLET @ 6.0000")
            .right(860, 400, "6.00")
            .text(40, 445, "SST")
            .right(860, 445, "0.35")
            .text(300, 540, "TotalAmtPayable")
            .right(860, 540, "6.35")
            .text(300, 585, "CASH")
            .right(860, 585, "10.00")
            .build();
    JsonNode d = extract(page);
    assertThat(d.path("total").asText()).isEqualTo("6.35");
    assertThat(d.path("date").asText()).isEqualTo("2017-02-11");
  }
}
