package dev.docsift.core.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.core.model.OcrPage;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OCR input that once made the extractor throw (DS999) on real receipt photos. */
class ExtractorCrashRegressionTest {
  private static DocumentSchema receipt;
  private final SchemaExtractor extractor = new SchemaExtractor();

  @BeforeAll
  static void load() throws Exception {
    receipt = SchemaCatalog.shipped().get("receipt");
  }

  @Test
  void aLabelSplitByAWideGapIsNoCrash() {
    // "SUB   TOTAL": a photo's letter spacing leaves a gap wide enough to split the row into
    // segments, and the label "sub total" matches across it. The summary-row check took the words
    // after the label within the segment where the label starts, which ends before the label does:
    // subList(2, 1), "fromIndex(2) > toIndex(1)".
    OcrPage page =
        PageBuilder.receipt()
            .center(60, 60, "CROWN MARKET")
            .text(40, 240, 32, "Date: 08/03/2024")
            .text(40, 400, "Flat White")
            .right(860, 400, "3.20")
            .text(40, 450, "Croissant")
            .right(860, 450, "2.50")
            .text(200, 540, "SUB   TOTAL")
            .right(860, 540, "5.70")
            .text(300, 600, "TOTAL")
            .right(860, 600, "5.70")
            .build();

    JsonNode data = extractor.extract(List.of(page), receipt).data();

    assertThat(data.path("total").asText()).isEqualTo("5.70");
    assertThat(data.path("items")).hasSize(2);
  }

  /** Words of receipts and invoices, labels and values, as OCR reads them. */
  private static final String[] WORDS = {
    "TOTAL",
    "SUB",
    "Subtotal",
    "TOTAL:",
    "Tax",
    "VAT",
    "GST",
    "6%",
    "RM",
    "12.50",
    "3.20",
    "x",
    "2",
    "@",
    "Date:",
    "08/03/2024",
    "12:30",
    "Invoice",
    "No.",
    "INV-001",
    "Qty",
    "Price",
    "Amount",
    "Cash",
    "Change",
    "Tel:",
    "ABC",
    "SDN",
    "BHD",
    "-",
    ":",
    ".",
    "#",
    "1",
    "0.00",
    "Item",
    "Description",
    "Due",
    "Bill",
    "To",
    "Ship",
    "Seller",
    "Buyer",
    "Net",
    "Rounding",
    "Discount",
    "EUR",
    "$",
    "€",
    "Kopa",
    "Summa",
    "PVN",
    "21%",
    "2 x 8.95",
    "1,234.56",
    "-5.09",
    "Invoice Date",
    "Page",
    "1/2",
    "Thank",
    "you",
    "www.x.com",
    "Total Due",
    "Balance",
    "Incl.",
    "MwSt",
    "19%",
    "USt-IdNr",
    "DE123456789",
    "IBAN",
    "Netto",
    "Brutto",
    "Rechnung",
    "Nr"
  };

  @Test
  void randomRowsOfReceiptAndInvoiceWordsAreNoCrash() throws Exception {
    // Rows of such words with random sizes, places and gaps (wide ones split rows into segments,
    // in the middle of labels too): without the fix above, seed 10 already crashed.
    DocumentSchema invoice = SchemaCatalog.shipped().get("invoice");
    for (int seed = 0; seed < 500; seed++) {
      Random r = new Random(seed);
      PageBuilder b = r.nextBoolean() ? PageBuilder.receipt() : PageBuilder.a4(1);
      int y = 40;
      for (int row = 0, rows = 3 + r.nextInt(30); row < rows; row++) {
        StringBuilder text = new StringBuilder();
        for (int k = 0, n = 1 + r.nextInt(6); k < n; k++) {
          if (k > 0) {
            text.append(" ".repeat(r.nextInt(4) == 0 ? 3 + r.nextInt(8) : 1));
          }
          text.append(WORDS[r.nextInt(WORDS.length)]);
        }
        if (r.nextInt(3) == 0) {
          b.right(860, y, text.toString());
        } else {
          b.text(10 + r.nextInt(300), y, 20 + r.nextInt(30), text.toString());
        }
        // Now and then a row on the same line as the one before.
        y += r.nextInt(4) == 0 ? 0 : 20 + r.nextInt(80);
      }
      OcrPage page = b.build();
      for (DocumentSchema schema : List.of(receipt, invoice)) {
        int s = seed;
        assertThatCode(() -> extractor.extract(List.of(page), schema))
            .as("seed %d, schema %s", s, schema.id())
            .doesNotThrowAnyException();
      }
    }
  }
}
