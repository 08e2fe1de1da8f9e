package dev.docsift.core.slm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrLine;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueLocatorTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** A page of 1000 x 1000 pixels; each line's words 100 px apart, line i at y = 100 i. */
  private static OcrPage page(int number, String... lines) {
    List<OcrLine> out = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      List<OcrWord> words = new ArrayList<>();
      String[] parts = lines[i].split(" ");
      for (int k = 0; k < parts.length; k++) {
        words.add(
            new OcrWord(parts[k], new Box(100 * k, 100 * i, 100 * k + 90, 100 * i + 40), 0.9));
      }
      out.add(OcrLine.of(words));
    }
    return new OcrPage(number, 1000, 1000, out, 0, 0);
  }

  @Test
  void textIsFoundCaseAndCommasAsideAcrossLines() {
    ValueLocator locator =
        new ValueLocator(List.of(page(1, "Thanks"), page(2, "ACME Store", "12 High St", "Leeds")));
    var hit = locator.locate(F.textNode("acme store, 12 high st")).orElseThrow();
    assertThat(hit.page()).isEqualTo(2);
    assertThat(hit.text()).isEqualTo("ACME Store 12 High St");
    assertThat(hit.bbox().toArray()).containsExactly(0.0, 0.0, 0.29, 0.14);
    assertThat(locator.locate(F.textNode("Nowhere"))).isEmpty();
  }

  @Test
  void amountsAndDatesAreFoundByValueInAnyPrintedForm() {
    ValueLocator locator =
        new ValueLocator(List.of(page(1, "Datum 25.12.2018", "Summe 1.234,50 EUR")));
    var total = locator.locate(F.textNode("1234.50")).orElseThrow();
    assertThat(total.text()).as("the amount with its currency").isEqualTo("1.234,50 EUR");
    assertThat(total.bbox().y0()).isEqualTo(0.1);
    assertThat(total.bbox().x0()).isEqualTo(0.1);
    var number = locator.locate(F.numberNode(new BigDecimal("1234.5"))).orElseThrow();
    assertThat(number.text()).isEqualTo("1.234,50 EUR");
    var date = locator.locate(F.textNode("2018-12-25")).orElseThrow();
    assertThat(date.text()).isEqualTo("25.12.2018");
    assertThat(locator.locate(F.textNode("2018-12-26"))).isEmpty();
    assertThat(locator.locate(F.booleanNode(true))).isEmpty();
  }
}
