package dev.docsift.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyParserTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "12.50 | 12.50",
        "1,234.50 | 1234.50",
        "1.234,50 | 1234.50",
        "$12.5 | 12.50",
        "EUR 12,50 | 12.50",
        "12,50 € | 12.50",
        "€12.50 | 12.50",
        "£ 3.00 | 3.00",
        "12.50- | -12.50",
        "-12.50 | -12.50",
        "(3.00) | -3.00",
        "1 234 | ",
        "12 | 12.00",
        "1,000,000.00 | 1000000.00",
        "1'234.50 | 1234.50",
        "USD12.00 | 12.00",
        "RM 9.00 | 9.00",
        "1O.5O | 10.50",
        "l2.00 | 12.00",
        "$ 0.99 | 0.99",
        "12.50: | 12.50",
        "€88 .86 | 88.86",
        "12 ,50 € | 12.50",
        "3 .5 | ",
        ".95 | 0.95",
        "$.75 | 0.75",
        "0.025 | ",
      })
  void normalises(String in, String expected) {
    if (expected == null) {
      assertThat(MoneyParser.normalize(in)).isEmpty();
    } else {
      assertThat(MoneyParser.normalize(in)).contains(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "20%", "25/12/2018", "14:32", "INV0042", "12.50 13.50", "x"})
  void rejects(String in) {
    assertThat(MoneyParser.parse(in)).isEmpty();
  }

  @Test
  void findsAmountsInALineButNotPercentagesDatesOrTimes() {
    var found = MoneyParser.findAll("VAT 20% on 25.12.2018 at 14:32   2.00");
    assertThat(found).hasSize(1);
    assertThat(found.get(0).amount()).isEqualByComparingTo(new BigDecimal("2.00"));
    assertThat(found.get(0).explicit()).isTrue();
  }

  @Test
  void marksIntegersWithoutCurrencyAsNotExplicit() {
    assertThat(MoneyParser.findAll("Table 12"))
        .singleElement()
        .satisfies(m -> assertThat(m.explicit()).isFalse());
    assertThat(MoneyParser.findAll("$12"))
        .singleElement()
        .satisfies(m -> assertThat(m.explicit()).isTrue());
  }

  @Test
  void offsetsPointIntoTheText() {
    String line = "TOTAL   $1,234.50";
    var m = MoneyParser.findAll(line).get(0);
    assertThat(line.substring(m.start(), m.end())).isEqualTo("$1,234.50");
    assertThat(m.text()).isEqualTo("1234.50");
  }

  @org.junit.jupiter.api.Test
  void aPointReadAsAnotherCharacterIsRecognisedOnlyWithTheSameDigits() {
    java.math.BigDecimal amount = new java.math.BigDecimal("23.97");
    assertThat(MoneyParser.misreadSeparator("23097", amount)).isTrue();
    assertThat(MoneyParser.misreadSeparator("23:97", amount)).isTrue();
    assertThat(MoneyParser.misreadSeparator("23 o97", amount)).isTrue();
    assertThat(MoneyParser.misreadSeparator("23.97", amount)).isFalse(); // read whole, no repair
    assertThat(MoneyParser.misreadSeparator("23098", amount)).isFalse();
    assertThat(MoneyParser.misreadSeparator("2397", amount)).isFalse();
    assertThat(MoneyParser.misreadSeparator("s)lfa}", amount)).isFalse();
  }
}
