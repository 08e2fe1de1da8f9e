package dev.docsift.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.docsift.schemas.ValueKind;
import org.junit.jupiter.api.Test;

class ValueMatchTest {
  private static JsonNode t(String s) {
    return TextNode.valueOf(s);
  }

  @Test
  void textIgnoresCaseAndWhitespaceButNotLetters() {
    assertThat(ValueMatch.score(ValueKind.NAME, t("GREEN FIELD"), t("Green  field")).exact())
        .isTrue();
    assertThat(ValueMatch.score(ValueKind.ADDRESS, t("Long Beach, CA"), t("LongBeach ,CA")).exact())
        .isTrue();
    ValueMatch.Score near = ValueMatch.score(ValueKind.NAME, t("GREEN FIELD"), t("GREEN FIELO"));
    assertThat(near.exact()).isFalse();
    assertThat(near.similarity()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(0.001));
  }

  @Test
  void aValueFarFromTheTruthScoresNothing() {
    ValueMatch.Score far = ValueMatch.score(ValueKind.NAME, t("GREEN FIELD"), t("TOTAL"));
    assertThat(far.exact()).isFalse();
    assertThat(far.similarity()).isZero();
  }

  @Test
  void moneyAndNumbersCompareByValue() {
    assertThat(ValueMatch.score(ValueKind.MONEY, t("12.50"), t("12.5")).exact()).isTrue();
    assertThat(ValueMatch.score(ValueKind.MONEY, t("12.50"), t("12.05")).exact()).isFalse();
    assertThat(ValueMatch.score(ValueKind.NUMBER, DoubleNode.valueOf(2), t("2.0")).exact())
        .isTrue();
  }

  @Test
  void datesCompareAsDatesAndIdsIgnoreSeparators() {
    assertThat(ValueMatch.score(ValueKind.DATE, t("2018-03-05"), t("2018-03-05")).exact()).isTrue();
    assertThat(ValueMatch.score(ValueKind.DATE, t("2018-03-05"), t("2018-05-03")).exact())
        .isFalse();
    assertThat(ValueMatch.score(ValueKind.ID, t("DE 123-456/789"), t("de123456789")).exact())
        .isTrue();
  }

  @Test
  void nothingFoundIsAMiss() {
    assertThat(ValueMatch.score(ValueKind.MONEY, t("1.00"), MissingNode.getInstance()))
        .isEqualTo(ValueMatch.Score.MISSING);
  }

  @Test
  void similarityIsOneLessEditsOverTheLongerLength() {
    // The edits themselves are counted by EditDistance (its test).
    assertThat(ValueMatch.similarity("kitten", "sitting")).isCloseTo(1 - 3 / 7.0, within(1e-9));
    assertThat(ValueMatch.similarity("", "")).isEqualTo(1);
  }
}
