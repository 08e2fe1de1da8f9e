package dev.docsift.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.schemas.ValueKind;
import org.junit.jupiter.api.Test;

class TextCeilingTest {
  private static Boolean occurs(ValueKind kind, String truth, String text) {
    return TextCeiling.occurs(kind, truth, ValueMatch.text(text));
  }

  @Test
  void findsPrintedForms() {
    assertThat(occurs(ValueKind.DATE, "2018-03-05", "Datum: 05.03.2018")).isTrue();
    assertThat(occurs(ValueKind.DATE, "2016-05-26", "5/26/2016 12:53")).isTrue();
    assertThat(occurs(ValueKind.DATE, "2018-05-10", "10 MAY 2018")).isTrue();
    assertThat(occurs(ValueKind.MONEY, "1234.50", "Summe 1234,50 EUR")).isTrue();
    assertThat(occurs(ValueKind.TIME, "20:35", "8:35 PM")).isTrue();
    assertThat(occurs(ValueKind.NAME, "GREEN FIELD", "green  field cafe")).isTrue();
  }

  @Test
  void saysWhenAValueIsNotThere() {
    assertThat(occurs(ValueKind.MONEY, "9.99", "TOTAL 9.90")).isFalse();
    assertThat(occurs(ValueKind.CURRENCY, "EUR", "EUR")).isNull();
  }
}
