package dev.docsift.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.core.model.FieldValue;
import dev.docsift.core.model.OcrPage;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DocumentCurrencyTest {
  private static DocumentSchema receipt;
  private final SchemaExtractor extractor = new SchemaExtractor();

  @BeforeAll
  static void load() throws Exception {
    receipt = SchemaCatalog.shipped().get("receipt");
  }

  private static PageBuilder malaysianHeader() {
    return PageBuilder.receipt()
        .center(60, 50, "KEDAI RUNCIT MAJU SDN BHD")
        .center(130, 32, "NO. 12, JALAN MANIS 7, TAMAN SEGAR")
        .center(175, 32, "56100 CHERAS, KUALA LUMPUR")
        .text(40, 260, 32, "Date: 05/01/2018");
  }

  @Test
  void aReceiptWithoutAnyCurrencySignIsInItsCountrysCurrency() {
    OcrPage page =
        malaysianHeader()
            .text(40, 360, "MINERAL WATER")
            .right(860, 360, "2.50")
            .text(40, 460, "TOTAL")
            .right(860, 460, "2.50")
            .build();

    Extraction x = extractor.extract(List.of(page), receipt);

    assertThat(x.data().path("currency").asText()).isEqualTo("MYR");
    FieldValue currency = ReceiptExtractionTest.field(x, "/currency");
    // Shown to come from the evidence that names the country, at a lowered confidence.
    assertThat(currency.bbox()).isEqualTo(PageBuilder.boxOf(page, "SDN BHD"));
    assertThat(currency.confidence()).isLessThanOrEqualTo(DocumentCurrency.INFERRED);
  }

  @Test
  void aBareDollarSignIsTheLocalCurrencyAndAStrayCodeDoesNotOutvoteTheCountry() {
    OcrPage page =
        malaysianHeader()
            .text(40, 360, "30CM-(F00K)CNY")
            .right(860, 360, "2.45")
            .text(40, 460, "TOTAL")
            .right(860, 460, "$2.45")
            .build();

    Extraction x = extractor.extract(List.of(page), receipt);

    assertThat(x.data().path("currency").asText()).isEqualTo("MYR");
  }

  @Test
  void aCurrencyPrintedBesideTheAmountsWinsOverTheCountry() {
    OcrPage page =
        malaysianHeader()
            .text(40, 360, "SUBTOTAL")
            .right(860, 360, "USD 2.10")
            .text(40, 460, "TOTAL")
            .right(860, 460, "USD 2.50")
            .build();

    Extraction x = extractor.extract(List.of(page), receipt);

    assertThat(x.data().path("currency").asText()).isEqualTo("USD");
  }

  @Test
  void aUsStateWithItsZipCodeAndATelephoneNumberMakeDollars() {
    OcrPage page =
        PageBuilder.receipt()
            .center(60, 50, "LOADED CAFE")
            .center(130, 32, "15700 Bellflower Blvd")
            .center(175, 32, "Bellflower, CA 90706")
            .center(220, 32, "(562) 699-7484")
            .text(40, 360, "TOTAL")
            .right(860, 360, "12.50")
            .build();

    Extraction x = extractor.extract(List.of(page), receipt);

    assertThat(x.data().path("currency").asText()).isEqualTo("USD");
  }

  @Test
  void aStreetNamedAfterACountryIsNotEnough() {
    OcrPage page =
        PageBuilder.receipt()
            .center(60, 50, "KARMA CAFE")
            .center(130, 32, "1660 India Street")
            .text(40, 360, "TOTAL")
            .right(860, 360, "12.50")
            .build();

    Extraction x = extractor.extract(List.of(page), receipt);

    assertThat(x.data().has("currency")).isFalse();
  }
}
