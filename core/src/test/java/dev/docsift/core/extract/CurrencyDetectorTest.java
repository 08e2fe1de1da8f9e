package dev.docsift.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CurrencyDetectorTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "$12.50 | USD",
        "€ | EUR",
        "12,50€ | EUR",
        "£3.00 | GBP",
        "¥500 | JPY",
        "CHF | CHF",
        "USD | USD",
        "EUR12.50 | EUR",
        "A$10.00 | AUD",
        "HK$5 | HKD",
        "RM9.00 | MYR",
        "(EUR) | EUR",
      })
  void recognises(String word, String code) {
    assertThat(CurrencyDetector.codeOf(word)).contains(code);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12.50", "EURO2", "FROM", "Total", "RMX", "USDA"})
  void ignores(String word) {
    assertThat(CurrencyDetector.codeOf(word)).isEmpty();
  }

  @Test
  void ringgitInBracketsAndAbbreviationsThatAreNotCodes() {
    assertThat(CurrencyDetector.codeOf("(RM)")).contains("MYR");
    assertThat(CurrencyDetector.codeOf("SEK.3")).isEmpty(); // "Seksyen 3" in a Malaysian address
    assertThat(CurrencyDetector.weight("$5")).isEqualTo(1);
    assertThat(CurrencyDetector.weight("$ALE")).isZero(); // an S read as $
    assertThat(CurrencyDetector.weight("EUR")).isEqualTo(2);
  }
}
