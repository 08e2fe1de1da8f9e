package dev.docsift.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.core.model.OcrPage;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A German e-invoice's layout, as the ZUGFeRD samples print it: the number after the title, the
 * parties as headed blocks with {@code Name:} and {@code Anschrift:} lines among others, German
 * labels the schema does not list (they come from the vocabulary).
 */
class GermanInvoiceTest {
  private final DocumentSchema invoice = schema("invoice");

  private static DocumentSchema schema(String id) {
    try {
      return SchemaCatalog.shipped().get(id);
    } catch (dev.docsift.schemas.SchemaException e) {
      throw new IllegalStateException(e);
    }
  }

  private static OcrPage page() {
    return PageBuilder.a4(1)
        .text(150, 200, "Handelsrechnung (380) Nr. 471102 vom 05.03.2018")
        .text(150, 300, "Liefer- und Leistungsdatum:        05.03.2018")
        .text(150, 500, "Verkäufer")
        .text(150, 560, "Nummer:        549910")
        .text(150, 620, "Name:        Lieferant GmbH")
        .text(150, 680, "Anschrift:        Lieferantenstraße 20")
        .text(150, 800, "USt.-Id.-Nr.:        DE123456789")
        .text(150, 1000, "Käufer")
        .text(150, 1060, "Name:        Kunden AG Mitte")
        .text(150, 2600, "Summe Positionen        473,00")
        .text(150, 2660, "Umsatzsteuer        56,87")
        .text(150, 2720, "Bruttosumme        529,87 EUR")
        .build();
  }

  @Test
  void readsTheNumberAfterTheTitleAndThePartiesFromTheirBlocks() {
    JsonNode d = new SchemaExtractor().extract(List.of(page()), invoice).data();
    assertThat(d.path("invoice_number").asText()).isEqualTo("471102");
    assertThat(d.path("issue_date").asText()).isEqualTo("2018-03-05");
    assertThat(d.path("seller").path("name").asText()).isEqualTo("Lieferant GmbH");
    assertThat(d.path("seller").path("tax_id").asText()).isEqualTo("DE123456789");
    // "Kunden" is no buyer label inside the name: a party's label only opens its segment.
    assertThat(d.path("buyer").path("name").asText()).isEqualTo("Kunden AG Mitte");
    assertThat(d.path("subtotal").asText()).isEqualTo("473.00");
    assertThat(d.path("total").asText()).isEqualTo("529.87");
    assertThat(d.path("currency").asText()).isEqualTo("EUR");
  }

  @Test
  void readsAFormWhoseValuesWrapAndWhoseBlocksHoldNumbers() {
    // Values stand in a column 20 characters in; a two-line name centres its label on itself.
    OcrPage page =
        PageBuilder.a4(1)
            .text(150, 200, "Rechnung Nr. 4711 vom 05.03.2018")
            .text(150, 500, "Verkäufer")
            .text(150, 560, "Nummer:             549910")
            .text(150, 616, "                    MVM Musterhafter")
            .text(150, 660, "Name:               Versicherungsverein a.G.")
            .text(150, 740, "Anschrift:          Musterstr. 12")
            .text(150, 800, "                    DE 12345 Musterstadt")
            .text(150, 860, "Steuernummer:       201/113/40209")
            .text(150, 920, "USt-IdNr.:          DE123456789")
            .text(150, 1100, "Käufer/Leistungsempfänger")
            .text(150, 1160, "Kunden AG Mitte")
            .text(150, 1220, "Kundenstraße 15")
            .text(150, 1280, "D-69876 Frankfurt")
            .text(150, 1340, "Deutschland")
            .text(150, 1400, "GLN 4304171000002")
            .text(150, 2400, "Zahlbar innerhalb 30 Tagen netto bis 04.04.2018")
            .text(150, 2600, "Bruttosumme        529,87 EUR")
            .build();
    JsonNode d = new SchemaExtractor().extract(List.of(page), invoice).data();
    assertThat(d.path("seller").path("name").asText())
        .isEqualTo("MVM Musterhafter Versicherungsverein a.G.");
    assertThat(d.path("seller").path("address").asText())
        .isEqualTo("Musterstr. 12, 12345 Musterstadt");
    // The VAT id, not the national tax number printed before it.
    assertThat(d.path("seller").path("tax_id").asText()).isEqualTo("DE123456789");
    // "Käufer/Leistungsempfänger" heads the block; "Kunden" begins a company's name.
    assertThat(d.path("buyer").path("name").asText()).isEqualTo("Kunden AG Mitte");
    assertThat(d.path("buyer").path("address").asText())
        .isEqualTo("Kundenstraße 15, 69876 Frankfurt");
    assertThat(d.path("due_date").asText()).isEqualTo("2018-04-04");
    assertThat(d.path("issue_date").asText()).isEqualTo("2018-03-05");
  }

  @Test
  void aOneWordLabelReadAcrossWordsMustMatchExactly() {
    // "Liefer- und" is one letter-pair off "lieferant" once run together: not the seller's label.
    OcrPage page =
        PageBuilder.a4(1).text(150, 300, "Liefer- und Leistungsdatum:        05.03.2018").build();
    Doc doc = Doc.of(List.of(page), invoice);
    Row row = doc.layout().rows().get(0);
    assertThat(doc.hits(row)).noneMatch(h -> h.label().equals("lieferant"));
  }

  @Test
  void theNumberLabelFollowsATitleQualifiedByWordsOrIsABareNumberSign() {
    for (String[] c :
        new String[][] {
          {
            "Rechnung des Versicherers (575) Nr. 01.234.567.8-2018-1 vom 06.12.2018",
            "01.234.567.8-2018-1"
          },
          {"Schlussrechnung Bau (877) Nr. 181301674 vom 25.04.2018", "181301674"},
          {"Rechnung # RE-20140703/502 vom 03.07.2014", "RE-20140703/502"},
        }) {
      OcrPage page =
          PageBuilder.a4(1)
              .text(150, 200, c[0])
              .text(150, 2720, "Bruttosumme        529,87 EUR")
              .build();
      JsonNode d = new SchemaExtractor().extract(List.of(page), invoice).data();
      assertThat(d.path("invoice_number").asText()).as(c[0]).isEqualTo(c[1]);
    }
  }

  @Test
  void twoHeadingsSideBySideHeadTheirColumnsAndNameNoOne() {
    OcrPage page =
        PageBuilder.a4(1)
            .text(150, 200, "Lieferant        Käufer")
            .text(150, 260, "MUSTERLIEFERANT GMBH        MUSTER-KUNDE GMBH")
            .text(150, 320, "BAHNHOFSTRASSE 99        KUNDENWEG 88")
            .text(150, 380, "99199 MUSTERHAUSEN        40235 DUESSELDORF")
            .text(150, 2720, "Bruttosumme        529,87 EUR")
            .build();
    JsonNode d = new SchemaExtractor().extract(List.of(page), invoice).data();
    assertThat(d.path("seller").path("name").asText()).isEqualTo("MUSTERLIEFERANT GMBH");
  }

  @Test
  void aPartysNameEndsWithItsLegalFormOnTheLineBelow() {
    OcrPage page =
        PageBuilder.a4(1)
            .text(150, 200, "Rechnung Nr. 4711 vom 11.03.2018")
            .text(150, 500, "Verkäufer:")
            .text(150, 560, "MVM Musterhafter")
            .text(150, 610, "Versicherungsverein Musterstadt a.G.")
            .text(150, 660, "Musterstr. 12")
            .text(150, 710, "DE 12345 Musterstadt")
            .text(150, 2720, "Bruttosumme        529,87 EUR")
            .build();
    JsonNode d = new SchemaExtractor().extract(List.of(page), invoice).data();
    assertThat(d.path("seller").path("name").asText())
        .isEqualTo("MVM Musterhafter Versicherungsverein Musterstadt a.G.");
    assertThat(d.path("seller").path("address").asText())
        .isEqualTo("Musterstr. 12, 12345 Musterstadt");
  }

  @Test
  void aHeadingBesideAnotherHeadsItsOwnColumnAndARowOfAThirdColumnIsPassedOver() {
    OcrPage page =
        PageBuilder.a4(1)
            .text(150, 200, "Rechnung Nr. 4711 vom 11.03.2018")
            .text(150, 400, "Rechnungsempfänger        Warenempfänger")
            .text(150, 450, "GLN 4304171000002        GLN 4304171088093")
            .text(150, 500, "MUSTER-KUNDE GMBH        MUSTER-MARKT")
            .text(1800, 545, "Zählpunkt:")
            .text(150, 590, "KUNDENWEG 88        HAUPTSTRASSE 44")
            .text(150, 640, "40235 DUESSELDORF        31157 SARSTEDT")
            .text(150, 2720, "Bruttosumme        529,87 EUR")
            .build();
    JsonNode d = new SchemaExtractor().extract(List.of(page), invoice).data();
    assertThat(d.path("buyer").path("name").asText()).isEqualTo("MUSTER-KUNDE GMBH");
    assertThat(d.path("buyer").path("address").asText())
        .isEqualTo("KUNDENWEG 88, 40235 DUESSELDORF");
  }
}
