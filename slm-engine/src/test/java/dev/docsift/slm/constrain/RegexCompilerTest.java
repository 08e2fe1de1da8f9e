package dev.docsift.slm.constrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegexCompilerTest {
  @Test
  void money() {
    CharDfa dfa = RegexCompiler.compile("^-?[0-9]+\\.[0-9]{2}$");
    assertThat(dfa.matches("12.50")).isTrue();
    assertThat(dfa.matches("-0.00")).isTrue();
    assertThat(dfa.matches("12.5")).isFalse();
    assertThat(dfa.matches("12.500")).isFalse();
    assertThat(dfa.matches(".50")).isFalse();
    assertThat(dfa.matches("1,50")).isFalse();
  }

  @Test
  void currencyAndTime() {
    CharDfa currency = RegexCompiler.compile("^[A-Z]{3}$");
    assertThat(currency.matches("EUR")).isTrue();
    assertThat(currency.matches("EU")).isFalse();
    assertThat(currency.matches("eur")).isFalse();
    CharDfa time = RegexCompiler.compile("^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$");
    assertThat(time.matches("23:59")).isTrue();
    assertThat(time.matches("09:05:59")).isTrue();
    assertThat(time.matches("24:00")).isFalse();
    assertThat(time.matches("12:60")).isFalse();
    assertThat(time.matches("12:30:")).isFalse();
  }

  @Test
  void unanchoredPatternsSearch() {
    CharDfa dfa = RegexCompiler.compile("fo+");
    assertThat(dfa.matches("xx foooo yy")).isTrue();
    assertThat(dfa.matches("f")).isFalse();
    assertThat(RegexCompiler.compile("^ab").matches("abc")).isTrue();
    assertThat(RegexCompiler.compile("bc$").matches("abc")).isTrue();
  }

  @Test
  void classesEscapesQuantifiers() {
    CharDfa dfa = RegexCompiler.compile("^[^0-9\\s]\\d{2,3}(?:x|yz)*[a\\-]?\\.é$");
    assertThat(dfa.matches("A12.é")).isTrue();
    assertThat(dfa.matches("€123xyzx-.é")).isTrue();
    assertThat(dfa.matches("112.é")).isFalse();
    assertThat(dfa.matches("A1234.é")).isFalse();
    assertThat(dfa.matches("A12y.é")).isFalse();
    assertThat(RegexCompiler.compile("^a{2,}$").matches("aaaaa")).isTrue();
    assertThat(RegexCompiler.compile("^a{2,}$").matches("a")).isFalse();
    assertThat(RegexCompiler.compile("^\\w+?$").matches("a_9")).isTrue();
    assertThat(RegexCompiler.compile("^.$").matches("\n")).isFalse();
    assertThat(RegexCompiler.compile("^\\u00e9$").matches("é")).isTrue();
  }

  @Test
  void dateFormatKnowsMonthLengthsAndLeapYears() {
    CharDfa date = RegexCompiler.compile(SchemaCompiler.DATE_PATTERN);
    assertThat(date.matches("2024-02-29")).isTrue();
    assertThat(date.matches("2000-02-29")).isTrue();
    assertThat(date.matches("2023-02-29")).isFalse();
    assertThat(date.matches("1900-02-29")).isFalse();
    assertThat(date.matches("2024-04-31")).isFalse();
    assertThat(date.matches("2024-12-31")).isTrue();
    assertThat(date.matches("2024-13-01")).isFalse();
    assertThat(date.matches("2024-00-10")).isFalse();
    assertThat(date.matches("2024-1-10")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"(a)\\1", "a(?=b)", "\\bword", "\\D+", "a{2", "a++", "^a|b$", "*a", "[a"})
  void unsupportedFeaturesAreRefusedNamingThePattern(String pattern) {
    assertThatThrownBy(() -> RegexCompiler.compile(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(pattern);
  }

  @Test
  void controlCharactersAreNeverGenerated() {
    // \x01 cannot be written in a compact JSON string here: the pattern matches nothing writable.
    assertThatThrownBy(() -> RegexCompiler.compile("^\\u0001$"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("matches no string");
  }
}
