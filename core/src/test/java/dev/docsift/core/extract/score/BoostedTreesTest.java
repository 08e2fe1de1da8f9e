package dev.docsift.core.extract.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class BoostedTreesTest {
  @Test
  void learnsAnInteractionALogisticModelCannotAndRoundTripsThroughJson() {
    // Right candidates are those where both features are high: an "and" of the two.
    Random random = new Random(11);
    List<double[]> x = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    for (int i = 0; i < 800; i++) {
      double a = random.nextInt(2);
      double b = random.nextInt(2);
      x.add(new double[] {a + random.nextGaussian() * 0.1, b + random.nextGaussian() * 0.1});
      y.add(a == 1 && b == 1 ? 1 : 0);
    }
    List<String> names = List.of("label", "largest");
    BoostedTrees trees = BoostedTrees.fit(names, x, y, 60, 2, 0.3, 1);
    assertThat(trees.score(new double[] {1, 1})).isGreaterThan(0.9);
    assertThat(trees.score(new double[] {1, 0})).isLessThan(0.1);
    assertThat(trees.score(new double[] {0, 1})).isLessThan(0.1);
    CandidateScorer back = CandidateScorer.fromJson(trees.toJson());
    assertThat(back).isInstanceOf(BoostedTrees.class);
    assertThat(back.score(new double[] {0.9, 0.8}))
        .isCloseTo(trees.score(new double[] {0.9, 0.8}), Offset.offset(1e-4));
  }
}
