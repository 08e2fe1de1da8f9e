package dev.docsift.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AssignmentTest {
  @Test
  void picksTheBestTotalNotTheGreedyOne() {
    // Greedy would pair row 0 with column 0 (0.9) and leave row 1 with 0.1; the best pairs
    // row 0 with column 1 and row 1 with column 0 (0.8 + 0.85).
    double[][] score = {{0.9, 0.8}, {0.85, 0.1}};
    assertThat(Assignment.maximise(score)).containsExactly(1, 0);
  }

  @Test
  void moreRowsThanColumnsLeavesSomeUnpaired() {
    double[][] score = {{0.2}, {0.7}, {0.1}};
    assertThat(Assignment.maximise(score)).containsExactly(-1, 0, -1);
  }

  @Test
  void moreColumnsThanRows() {
    double[][] score = {{0.1, 0.2, 0.9}};
    assertThat(Assignment.maximise(score)).containsExactly(2);
  }

  @Test
  void emptyMatrices() {
    assertThat(Assignment.maximise(new double[0][0])).isEmpty();
    assertThat(Assignment.maximise(new double[2][0])).containsExactly(-1, -1);
  }
}
