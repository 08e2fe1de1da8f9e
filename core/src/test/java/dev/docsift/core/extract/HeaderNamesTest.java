package dev.docsift.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.core.extract.score.CandidateScorer;
import dev.docsift.core.model.OcrPage;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderNamesTest {
  private final DocumentSchema receipt = schema("receipt");

  private static DocumentSchema schema(String id) {
    try {
      return SchemaCatalog.shipped().get(id);
    } catch (dev.docsift.schemas.SchemaException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void cleaningDropsRegistrationNumbersAndBalancesQuotes() {
    assertThat(HeaderNames.clean("GARDENIA BAKERIES (KL) SDN BHD (139386 X)"))
        .isEqualTo("GARDENIA BAKERIES (KL) SDN BHD");
    assertThat(HeaderNames.clean("SIA “KONGS” LV43603006320")).isEqualTo("SIA \"KONGS\"");
    assertThat(HeaderNames.clean("SIA \"MIGLA BE")).isEqualTo("SIA \"MIGLA BE\"");
    assertThat(HeaderNames.clean("SIA \"A.G.A. LTD'")).isEqualTo("SIA \"A.G.A. LTD\"");
    assertThat(HeaderNames.clean("GREEN FIELD")).isEqualTo("GREEN FIELD");
  }

  @Test
  void everyHeaderSegmentIsProposedWithTheShippedFeatures() {
    OcrPage page =
        PageBuilder.receipt()
            .text(100, 60, "TAX INVOICE")
            .text(100, 140, 60, "FIVE STAR CASH & CARRY SDN BHD")
            .text(100, 240, "NO.1 JALAN SS 9/1, 47300 PJ")
            .text(100, 320, "TEL 03-7876 1111")
            .text(100, 900, "TOTAL        90.00")
            .build();
    List<HeaderNames.Proposal> proposals = HeaderNames.propose(List.of(page), receipt);
    assertThat(proposals)
        .extracting(HeaderNames.Proposal::text)
        .contains("TAX INVOICE", "FIVE STAR CASH & CARRY SDN BHD", "NO.1 JALAN SS 9/1, 47300 PJ");
    assertThat(proposals)
        .allSatisfy(p -> assertThat(p.features()).hasSize(HeaderNames.FEATURES.size()));
    // The shipped model prefers the name with a legal form over the title and the address.
    CandidateScorer model =
        CandidateScorer.resource(HeaderNames.MODEL, HeaderNames.FEATURES).orElseThrow();
    HeaderNames.Proposal best =
        proposals.stream()
            .max(java.util.Comparator.comparingDouble(p -> model.score(p.features())))
            .orElseThrow();
    assertThat(best.text()).isEqualTo("FIVE STAR CASH & CARRY SDN BHD");
  }
}
