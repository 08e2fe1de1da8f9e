package dev.docsift.core.extract;

import static dev.docsift.core.extract.ReceiptExtractionTest.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.core.model.OcrPage;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InvoiceExtractionTest {
  private static DocumentSchema invoice;
  private final SchemaExtractor extractor = new SchemaExtractor();

  @BeforeAll
  static void load() throws Exception {
    invoice = SchemaCatalog.shipped().get("invoice");
  }

  /** Seller top left, title and a label/value block top right, Bill To, a table, totals. */
  static PageBuilder acmeHeader() {
    return PageBuilder.a4(1)
        .text(150, 150, 70, "ACME Supplies Ltd")
        .text(1700, 150, 70, "INVOICE")
        .text(150, 260, "12 High Street")
        .text(1500, 260, "Invoice No:")
        .text(1900, 260, "INV-0042")
        .text(150, 310, "London EC1A 1BB")
        .text(1500, 310, "Invoice Date:")
        .text(1900, 310, "25/12/2018")
        .text(150, 360, "VAT ID: GB123456789")
        .text(1500, 360, "Due Date:")
        .text(1900, 360, "24/01/2019")
        .text(150, 520, "Bill To:")
        .text(150, 570, "Client Corp")
        .text(150, 620, "45 Market Road")
        .text(150, 670, "Manchester M1 1AA")
        .text(150, 720, "VAT ID: GB987654321");
  }

  static OcrPage acme() {
    return acmeHeader()
        .text(150, 900, "Description")
        .text(1300, 900, "Qty")
        .text(1600, 900, "Unit Price")
        .text(2050, 900, "Amount")
        .text(150, 970, "Web design services")
        .right(1372, 970, "10")
        .right(1840, 970, "£50.00")
        .right(2290, 970, "£500.00")
        .text(150, 1020, "(homepage and 3 subpages)")
        .text(150, 1090, "Hosting (12 months)")
        .right(1372, 1090, "1")
        .right(1840, 1090, "120.00")
        .right(2290, 1090, "120.00")
        .text(1600, 1250, "Subtotal")
        .right(2290, 1250, "620.00")
        .text(1600, 1300, "VAT 20%")
        .right(2290, 1300, "124.00")
        .text(1600, 1350, "Total")
        .right(2290, 1350, "£744.00")
        .text(150, 1600, "Thank you for your business")
        .build();
  }

  @Test
  void readsAFullInvoice() {
    OcrPage page = acme();
    Extraction x = extractor.extract(List.of(page), invoice);
    JsonNode d = x.data();
    assertThat(d.path("invoice_number").asText()).isEqualTo("INV-0042");
    assertThat(d.path("issue_date").asText()).isEqualTo("2018-12-25");
    assertThat(d.path("due_date").asText()).isEqualTo("2019-01-24");
    assertThat(d.path("seller").path("name").asText()).isEqualTo("ACME Supplies Ltd");
    assertThat(d.path("seller").path("address").asText())
        .isEqualTo("12 High Street, London EC1A 1BB");
    assertThat(d.path("seller").path("tax_id").asText()).isEqualTo("GB123456789");
    assertThat(d.path("buyer").path("name").asText()).isEqualTo("Client Corp");
    assertThat(d.path("buyer").path("address").asText())
        .isEqualTo("45 Market Road, Manchester M1 1AA");
    assertThat(d.path("buyer").path("tax_id").asText()).isEqualTo("GB987654321");
    assertThat(d.path("currency").asText()).isEqualTo("GBP");
    assertThat(d.path("subtotal").asText()).isEqualTo("620.00");
    assertThat(d.path("tax").asText()).isEqualTo("124.00");
    assertThat(d.path("total").asText()).isEqualTo("744.00");
    JsonNode items = d.path("items");
    assertThat(items).hasSize(2);
    assertThat(items.get(0).path("description").asText())
        .isEqualTo("Web design services (homepage and 3 subpages)");
    assertThat(items.get(0).path("quantity").asInt()).isEqualTo(10);
    assertThat(items.get(0).path("unit_price").asText()).isEqualTo("50.00");
    assertThat(items.get(0).path("amount").asText()).isEqualTo("500.00");
    assertThat(items.get(1).path("description").asText()).isEqualTo("Hosting (12 months)");
    assertThat(items.get(1).path("quantity").asInt()).isEqualTo(1);
    assertThat(items.get(1).path("amount").asText()).isEqualTo("120.00");
    assertThat(invoice.validate(d)).isEmpty();
  }

  @Test
  void provenanceOfAnInvoice() {
    OcrPage page = acme();
    Extraction x = extractor.extract(List.of(page), invoice);
    assertThat(field(x, "/invoice_number").bbox()).isEqualTo(PageBuilder.boxOf(page, "INV-0042"));
    assertThat(field(x, "/seller/tax_id").bbox()).isEqualTo(PageBuilder.boxOf(page, "GB123456789"));
    assertThat(field(x, "/buyer/tax_id").bbox()).isEqualTo(PageBuilder.boxOf(page, "GB987654321"));
    assertThat(field(x, "/buyer/name").bbox()).isEqualTo(PageBuilder.boxOf(page, "Client Corp"));
    assertThat(field(x, "/total").bbox()).isEqualTo(PageBuilder.boxOf(page, "£744.00"));
    assertThat(field(x, "/items/0/amount").bbox()).isEqualTo(PageBuilder.boxOf(page, "£500.00"));
    var desc = field(x, "/items/0/description").bbox();
    var first = PageBuilder.boxOf(page, "Web design services");
    var wrapped = PageBuilder.boxOf(page, "(homepage and 3 subpages)");
    assertThat(desc.y0()).isEqualTo(first.y0());
    assertThat(desc.y1()).isEqualTo(wrapped.y1());
    for (var f : x.fields()) {
      assertThat(x.data().at(f.path())).as(f.path()).isEqualTo(f.value());
      assertThat(f.confidence()).as(f.path()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void valuesUnderTheirLabels() {
    OcrPage page =
        PageBuilder.a4(1)
            .text(150, 150, 70, "Northwind Traders")
            .text(150, 500, "Invoice Number")
            .text(900, 500, "Date")
            .text(1500, 500, "Total Due")
            .text(150, 550, "INV-77")
            .text(900, 550, "03/04/2020")
            .text(1500, 550, "$1,250.00")
            .build();
    Extraction x = extractor.extract(List.of(page), invoice);
    JsonNode d = x.data();
    assertThat(d.path("invoice_number").asText()).isEqualTo("INV-77");
    assertThat(d.path("issue_date").asText()).isEqualTo("2020-04-03");
    assertThat(d.path("total").asText()).isEqualTo("1250.00");
    assertThat(d.path("currency").asText()).isEqualTo("USD");
    assertThat(d.path("seller").path("name").asText()).isEqualTo("Northwind Traders");
    // Day and month could be swapped and nothing in the document tells: less sure.
    assertThat(field(x, "/issue_date").confidence()).isLessThan(field(x, "/total").confidence());
    assertThat(field(x, "/total").bbox()).isEqualTo(PageBuilder.boxOf(page, "$1,250.00"));
    assertThat(invoice.validate(d)).isEmpty();
  }

  @Test
  void noisyLabels() {
    OcrPage page =
        PageBuilder.a4(1)
            .text(150, 150, 70, "Globex")
            .text(150, 400, "Invoice N0: 12345")
            .text(150, 450, "lnvoice Dale 2019-07-01")
            .text(150, 500, "Due Date: 2019-07-31")
            .text(1600, 900, "Sub-Total")
            .right(2290, 900, "90.00")
            .text(1600, 950, "Tota1")
            .right(2290, 950, "99.00")
            .build();
    Extraction x = extractor.extract(List.of(page), invoice);
    JsonNode d = x.data();
    assertThat(d.path("invoice_number").asText()).isEqualTo("12345");
    assertThat(d.path("issue_date").asText()).isEqualTo("2019-07-01");
    assertThat(d.path("due_date").asText()).isEqualTo("2019-07-31");
    assertThat(d.path("subtotal").asText()).isEqualTo("90.00");
    assertThat(d.path("total").asText()).isEqualTo("99.00");
    // "lnvoice Dale" is two letters off "invoice date": less sure than an exact label.
    assertThat(field(x, "/issue_date").confidence()).isLessThan(field(x, "/due_date").confidence());
    assertThat(invoice.validate(d)).isEmpty();
  }

  @Test
  void itemsGoOnOverThePageAndATotalColumnIsNotTheTotal() {
    OcrPage p1 =
        acmeHeader()
            .text(150, 900, "Description")
            .text(1300, 900, "Qty")
            .text(1600, 900, "Price")
            .text(2100, 900, "Total")
            .text(150, 970, "Widget A")
            .right(1372, 970, "2")
            .right(1840, 970, "5.00")
            .right(2290, 970, "10.00")
            .text(150, 1040, "Widget B")
            .right(1372, 1040, "1")
            .right(1840, 1040, "7.50")
            .right(2290, 1040, "7.50")
            .text(1100, 3300, "Page 1 of 2")
            .build();
    OcrPage p2 =
        PageBuilder.a4(2)
            .text(150, 150, "Description")
            .text(1300, 150, "Qty")
            .text(1600, 150, "Price")
            .text(2100, 150, "Total")
            .text(150, 220, "Widget C")
            .right(1372, 220, "4")
            .right(1840, 220, "1.00")
            .right(2290, 220, "4.00")
            .text(1600, 400, "Subtotal")
            .right(2290, 400, "21.50")
            .text(1600, 450, "Total")
            .right(2290, 450, "21.50")
            .build();
    Extraction x = extractor.extract(List.of(p1, p2), invoice);
    JsonNode d = x.data();
    assertThat(d.path("items")).hasSize(3);
    assertThat(d.path("items").get(2).path("description").asText()).isEqualTo("Widget C");
    assertThat(d.path("total").asText()).isEqualTo("21.50");
    assertThat(field(x, "/total").page()).isEqualTo(2);
    assertThat(field(x, "/items/2/amount").page()).isEqualTo(2);
    assertThat(field(x, "/items/2/amount").bbox()).isEqualTo(PageBuilder.boxOf(p2, "4.00"));
    assertThat(invoice.validate(d)).isEmpty();
  }
}
