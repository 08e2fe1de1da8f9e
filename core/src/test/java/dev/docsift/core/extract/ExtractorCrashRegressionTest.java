package dev.docsift.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.core.model.OcrPage;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import java.util.List;
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
}
