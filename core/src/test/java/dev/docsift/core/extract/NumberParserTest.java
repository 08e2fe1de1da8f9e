package dev.docsift.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberParserTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2 | 2",
        "1.5 | 1.5",
        "2,5 | 2.5",
        "1,000 | 1000",
        "2.00 | 2",
        "2x | 2",
        "l0 | 10",
        "-3 | -3"
      })
  void parses(String in, String out) {
    assertThat(NumberParser.parse(in)).map(d -> d.toPlainString()).contains(out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "two", "2 3", "A4", "1.2.3"})
  void rejects(String in) {
    assertThat(NumberParser.parse(in)).isEmpty();
  }
}
