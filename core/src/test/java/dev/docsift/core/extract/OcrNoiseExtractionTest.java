package dev.docsift.core.extract;

import static dev.docsift.core.extract.ReceiptExtractionTest.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrLine;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Layouts the way real Tesseract output looks rather than the way the page was printed. */
class OcrNoiseExtractionTest {
  private static DocumentSchema receipt;
  private static DocumentSchema invoice;
  private final SchemaExtractor extractor = new SchemaExtractor();

  @BeforeAll
  static void load() throws Exception {
    receipt = SchemaCatalog.shipped().get("receipt");
    invoice = SchemaCatalog.shipped().get("invoice");
  }

  @Test
  void unlabelledDateAndTimeGluedLabelsAndInlineQuantities() {
    OcrPage page =
        PageBuilder.receipt()
            .center(60, 60, "BURGER BARN")
            .center(150, 32, "1 Station Rd")
            .text(40, 250, 32, "25/12/2018 14:32")
            .text(40, 350, "Latte 2 x 3.50")
            .right(860, 350, "7.00")
            .text(40, 395, "Fries")
            .right(860, 395, "2.20")
            .text(40, 500, "Total:9.20")
            .build();
    Extraction x = extractor.extract(List.of(page), receipt);
    JsonNode d = x.data();
    assertThat(d.path("date").asText()).isEqualTo("2018-12-25");
    assertThat(d.path("time").asText()).isEqualTo("14:32");
    assertThat(field(x, "/date").confidence()).isLessThan(0.7);
    assertThat(d.path("total").asText()).isEqualTo("9.20");
    assertThat(d.path("items")).hasSize(2);
    assertThat(d.path("items").get(0).path("description").asText()).isEqualTo("Latte");
    assertThat(d.path("items").get(0).path("quantity").asInt()).isEqualTo(2);
    assertThat(d.path("items").get(0).path("unit_price").asText()).isEqualTo("3.50");
    assertThat(d.path("address").asText()).isEqualTo("1 Station Rd");
    assertThat(receipt.validate(d)).isEmpty();
  }

  @Test
  void labelAndValueSplitIntoTwoLinesAtSlightlyDifferentHeights() {
    List<OcrLine> lines = new ArrayList<>();
    lines.add(line(word("NORTHWIND", 150, 150, 500, 220)));
    lines.add(line(word("Invoice", 1500, 500, 1640, 540), word("No:", 1655, 502, 1720, 540)));
    lines.add(line(word("2024-117", 2000, 506, 2180, 542)));
    lines.add(line(word("Grand", 1500, 900, 1610, 942), word("Total", 1625, 900, 1730, 942)));
    lines.add(line(word("1.234,50", 2100, 896, 2290, 938), word("EUR", 2300, 896, 2380, 938)));
    OcrPage page = new OcrPage(1, 2480, 3508, lines, 0, 0);
    Extraction x = extractor.extract(List.of(page), invoice);
    assertThat(x.data().path("invoice_number").asText()).isEqualTo("2024-117");
    assertThat(x.data().path("total").asText()).isEqualTo("1234.50");
    assertThat(x.data().path("currency").asText()).isEqualTo("EUR");
    assertThat(field(x, "/total").bbox()).isEqualTo(page.normalize(new Box(2100, 896, 2380, 938)));
    assertThat(invoice.validate(x.data())).isEmpty();
  }

  @Test
  void theMostSpecificLabelWins() {
    OcrPage page =
        PageBuilder.a4(1)
            .text(150, 150, 70, "Initech LLC")
            .text(150, 240, "Tax ID: 12-3456789")
            .text(1500, 240, "Date: 01/02/2020")
            .text(1500, 290, "Due Date: 15/02/2020")
            .text(1600, 900, "Subtotal")
            .right(2290, 900, "$100.00")
            .text(1600, 950, "Tax")
            .right(2290, 950, "$5.00")
            .text(1600, 1000, "Total")
            .right(2290, 1000, "$105.00")
            .build();
    Extraction x = extractor.extract(List.of(page), invoice);
    JsonNode d = x.data();
    assertThat(d.path("issue_date").asText()).isEqualTo("2020-02-01");
    assertThat(d.path("due_date").asText()).isEqualTo("2020-02-15");
    assertThat(d.path("tax").asText()).isEqualTo("5.00");
    assertThat(d.path("subtotal").asText()).isEqualTo("100.00");
    assertThat(d.path("total").asText()).isEqualTo("105.00");
    assertThat(d.path("seller").path("name").asText()).isEqualTo("Initech LLC");
    assertThat(d.path("seller").path("tax_id").asText()).isEqualTo("12-3456789");
    assertThat(d.path("seller").has("address")).as(d.toString()).isFalse();
    assertThat(d.has("buyer")).as(d.toString()).isFalse();
    assertThat(invoice.validate(d)).isEmpty();
  }

  @Test
  void isThreadSafe() throws Exception {
    OcrPage r = ReceiptExtractionTest.coffeeHouse();
    OcrPage i = InvoiceExtractionTest.acme();
    String expectedR = extractor.extract(List.of(r), receipt).data().toString();
    String expectedI = extractor.extract(List.of(i), invoice).data().toString();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int k = 0; k < 64; k++) {
        boolean even = k % 2 == 0;
        results.add(
            pool.submit(
                () ->
                    even
                        ? extractor.extract(List.of(r), receipt).data().toString().equals(expectedR)
                        : extractor
                            .extract(List.of(i), invoice)
                            .data()
                            .toString()
                            .equals(expectedI)));
      }
      for (Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static OcrWord word(String text, int l, int t, int r, int b) {
    return new OcrWord(text, new Box(l, t, r, b), 0.88);
  }

  private static OcrLine line(OcrWord... words) {
    return OcrLine.of(List.of(words));
  }
}
