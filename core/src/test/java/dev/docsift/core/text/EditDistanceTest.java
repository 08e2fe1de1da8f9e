package dev.docsift.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditDistanceTest {

  @Test
  void countsEdits() {
    assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
    assertThat(EditDistance.between("", "abc")).isEqualTo(3);
    assertThat(EditDistance.between("", "")).isZero();
  }

  @Test
  void stopsPastItsBound() {
    assertThat(EditDistance.within("kitten", "sitting", 1)).isEqualTo(2);
    assertThat(EditDistance.within("total", "totl", 1)).isEqualTo(1);
    assertThat(EditDistance.within("a", "abcdef", 2)).isEqualTo(3);
  }
}
