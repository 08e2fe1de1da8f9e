package dev.docsift.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.core.model.OcrPage;
import dev.docsift.schemas.SchemaCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The issuer's block at the top of a receipt: its name over lines, its address past other lines.
 */
class HeaderBlockTest {
  @Test
  void aNamePrintedOverTwoLinesIsReadWhole() throws Exception {
    OcrPage page =
        PageBuilder.receipt()
            .center(60, 56, "POPULAR BOOK")
            .center(122, 56, "CO. (M) SDN BHD")
            .center(200, 32, "(Co. No. 113825-W)")
            .center(245, 32, "NO. 12, JALAN MANIS 7, TAMAN SEGAR")
            .text(40, 400, "TOTAL")
            .right(860, 400, "12.50")
            .build();

    Extraction x =
        new SchemaExtractor().extract(List.of(page), SchemaCatalog.shipped().get("receipt"));

    assertThat(x.data().path("company").asText()).isEqualTo("POPULAR BOOK CO. (M) SDN BHD");
    assertThat(x.data().path("address").asText()).startsWith("NO. 12, JALAN MANIS 7");
  }

  @Test
  void theAddressIsFoundPastTheDateAndTheTitleBetweenItAndTheName() throws Exception {
    OcrPage page =
        PageBuilder.receipt()
            .center(60, 56, "UNIHAKKA INTERNATIONAL SDN BHD")
            .center(130, 40, "10 May 2018 18:19")
            .center(190, 40, "(867388-U)")
            .center(250, 40, "TAX INVOICE")
            .center(310, 40, "12, Jalan Tampoi 7/4,Kawasan Perindustrian")
            .center(360, 40, "Tampoi,81200 Johor Bahru,Johor")
            .text(40, 500, "TOTAL")
            .right(860, 500, "12.20")
            .build();

    Extraction x =
        new SchemaExtractor().extract(List.of(page), SchemaCatalog.shipped().get("receipt"));

    assertThat(x.data().path("address").asText())
        .isEqualTo("12, Jalan Tampoi 7/4,Kawasan Perindustrian Tampoi,81200 Johor Bahru,Johor");
  }

  @Test
  void sentencesPricedLinesAndTillCodesAreProposedAsNoName() throws Exception {
    OcrPage page =
        PageBuilder.receipt()
            .center(60, 56, "YOUR GUEST NUMBER IS")
            .center(130, 56, "IN-N-OUT BURGER")
            .center(200, 40, "L1 T1")
            .text(40, 260, "Guaca Chicharron")
            .right(860, 260, "$13.95")
            .text(40, 400, "TOTAL")
            .right(860, 400, "13.95")
            .build();

    List<String> names =
        HeaderNames.propose(List.of(page), SchemaCatalog.shipped().get("receipt")).stream()
            .map(HeaderNames.Proposal::text)
            .toList();

    assertThat(names).contains("IN-N-OUT BURGER");
    assertThat(names).doesNotContain("YOUR GUEST NUMBER IS", "L1 T1", "Guaca Chicharron");
  }

  @Test
  void anAmericanAddressEndsWithItsStateAndZipCode() throws Exception {
    OcrPage page =
        PageBuilder.receipt()
            .center(60, 56, "VERO PIZZA")
            .center(130, 40, "1030 1/2 San Fernando Rd")
            .center(180, 40, "San Fernando CA 91341")
            .center(230, 40, "CENTER L")
            .text(40, 400, "TOTAL")
            .right(860, 400, "13.95")
            .build();

    Extraction x =
        new SchemaExtractor().extract(List.of(page), SchemaCatalog.shipped().get("receipt"));

    assertThat(x.data().path("address").asText())
        .isEqualTo("1030 1/2 San Fernando Rd San Fernando CA 91341");
  }
}
