package dev.docsift.core.extract.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticModelTest {
  @Test
  void learnsWhichFeatureTellsTheRightCandidateAndRoundTripsThroughJson() {
    Random random = new Random(7);
    List<double[]> x = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      boolean right = i % 5 == 0;
      // "signal" is high on right candidates, "noise" says nothing.
      double signal = (right ? 1 : 0) + random.nextGaussian() * 0.3;
      x.add(new double[] {signal, random.nextGaussian()});
      y.add(right ? 1 : 0);
    }
    LogisticModel m = LogisticModel.fit(List.of("signal", "noise"), x, y, 1e-3, 300);
    assertThat(m.weights()[0]).isGreaterThan(1.0);
    assertThat(Math.abs(m.weights()[1])).isLessThan(m.weights()[0] / 3);
    assertThat(m.score(new double[] {1, 0})).isGreaterThan(0.8);
    assertThat(m.score(new double[] {0, 0})).isLessThan(0.2);
    CandidateScorer back = CandidateScorer.fromJson(m.toJson());
    assertThat(back.score(new double[] {0.7, 0.1}))
        .isCloseTo(m.score(new double[] {0.7, 0.1}), org.assertj.core.data.Offset.offset(1e-4));
  }

  @Test
  void aModelForOtherFeaturesIsNotUsed() {
    assertThat(
            CandidateScorer.resource(
                "/dev/docsift/core/extract/header-name-scorer.json", List.of("something else")))
        .isEmpty();
    assertThat(CandidateScorer.resource("/no/such/model.json", List.of("a"))).isEmpty();
  }
}
