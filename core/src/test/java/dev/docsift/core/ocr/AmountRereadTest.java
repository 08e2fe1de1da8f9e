package dev.docsift.core.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrWord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which words at the end of a line get a second, digits-only reading. */
class AmountRereadTest {
  @ParameterizedTest(name = "{0} at {1}: {2}")
  @CsvSource({
    "'S17,', 0.40, true",
    "23097, 0.50, true",
    "2O/5, 0.30, true",
    "O25, 0.50, true",
    "9.25, 0.40, false", // already an amount
    "'3,54.', 0.40, false", // one with a speck after it
    "23097, 0.80, false", // read surely
    "20:26, 0.30, false", // a clock time would become an amount
    "24.05.23, 0.30, false", // so would a date
    "12/25/2018, 0.30, false",
    "Espresso, 0.30, false",
    "hs:, 0.30, false",
    "7, 0.30, false"
  })
  void rereadsUnsureDigitLikeWordsThatAreNoAmountYet(String text, double conf, boolean expected) {
    assertThat(AmountReread.garbled(new OcrWord(text, new Box(0, 0, 40, 20), conf)))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource({
    "'S17,', 3.17, true",
    "Shs), 5.95, true",
    "23097, 23.97, true", // the point read as 0
    "'3,54?', 3.04, false", // a digit OCR saw is changed
    "1234, 9.99, false"
  })
  void aSecondReadingKeepsTheDigitsTheFirstOneSaw(String first, String second, boolean kept) {
    assertThat(AmountReread.keepsDigits(first, second)).isEqualTo(kept);
  }
}
