package dev.docsift.slm.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SamplerTest {
  private static final float NEG_INF = Float.NEGATIVE_INFINITY;

  @Test
  void argmaxPicksHighestAndLowestIdOnTie() {
    assertThat(Sampler.ARGMAX.sample(new float[] {0.1f, 3f, -2f, 3f})).isEqualTo(1);
    assertThat(Sampler.ARGMAX.sample(new float[] {NEG_INF, NEG_INF, -5f})).isEqualTo(2);
    assertThat(Sampler.ARGMAX.sample(new float[] {-1f, -1f})).isZero();
  }

  @Test
  void temperatureZeroIsGreedy() {
    assertThat(Sampler.seeded(0f, 5, 0.9f, 42)).isSameAs(Sampler.ARGMAX);
    assertThat(GenerationConfig.greedy(4, List.of(2)).sampler()).isSameAs(Sampler.ARGMAX);
    Random r = new Random(3);
    for (int t = 0; t < 50; t++) {
      float[] logits = randomLogits(r, 300);
      assertThat(Sampler.ARGMAX.sample(logits)).isEqualTo(naiveArgmax(logits));
    }
  }

  @Test
  void sameSeedSameDraws() {
    Random r = new Random(7);
    float[] logits = randomLogits(r, 1000);
    for (float[] settings :
        new float[][] {{1f, 0, 1f}, {0.7f, 40, 1f}, {1.3f, 0, 0.9f}, {1f, 50, 0.8f}}) {
      Sampler a = Sampler.seeded(settings[0], (int) settings[1], settings[2], 1234);
      Sampler b = Sampler.seeded(settings[0], (int) settings[1], settings[2], 1234);
      Sampler c = Sampler.seeded(settings[0], (int) settings[1], settings[2], 99);
      int[] da = new int[64];
      int[] db = new int[64];
      int[] dc = new int[64];
      for (int i = 0; i < 64; i++) {
        da[i] = a.sample(logits);
        db[i] = b.sample(logits);
        dc[i] = c.sample(logits);
      }
      assertThat(da).isEqualTo(db);
      assertThat(da).isNotEqualTo(dc);
    }
  }

  @Test
  void topKKeepsOnlyTheKHighest() {
    float[] logits = {0f, 5f, 1f, 4.5f, 2f, 4f, NEG_INF, 3f};
    Sampler s = Sampler.seeded(5f, 3, 1f, 1); // hot: without top-k low tokens would appear
    int[] counts = new int[logits.length];
    for (int i = 0; i < 20_000; i++) {
      counts[s.sample(logits)]++;
    }
    assertThat(counts[1] + counts[3] + counts[5]).isEqualTo(20_000);
    // Renormalised over the three kept: p ∝ exp(l / 5).
    double z = Math.exp(5 / 5.0) + Math.exp(4.5 / 5.0) + Math.exp(4 / 5.0);
    assertThat(counts[1] / 20_000.0).isCloseTo(Math.exp(1.0) / z, within(0.02));
    assertThat(counts[5] / 20_000.0).isCloseTo(Math.exp(0.8) / z, within(0.02));
    assertThat(Sampler.seeded(1f, 1, 1f, 5).sample(logits)).isEqualTo(1);
  }

  @Test
  void topPKeepsTheSmallestSetReachingP() {
    // Probabilities 0.5, 0.3, 0.15, 0.05 in a shuffled order.
    float[] logits = {
      (float) Math.log(0.15), (float) Math.log(0.5), (float) Math.log(0.05), (float) Math.log(0.3)
    };
    assertThat(drawn(Sampler.seeded(1f, 0, 0.75f, 3), logits)).containsOnly(1, 3);
    assertThat(drawn(Sampler.seeded(1f, 0, 0.85f, 3), logits)).containsOnly(0, 1, 3);
    assertThat(drawn(Sampler.seeded(1f, 0, 0.4f, 3), logits)).containsOnly(1);
    assertThat(drawn(Sampler.seeded(1f, 0, 1f, 3), logits)).containsOnly(0, 1, 2, 3);
    // Top-k first, then top-p over the renormalised k: 0.5 / 0.8 = 0.625 >= 0.6.
    assertThat(drawn(Sampler.seeded(1f, 2, 0.6f, 3), logits)).containsOnly(1);
  }

  @Test
  void topPFrequenciesFollowRenormalisedProbabilities() {
    float[] logits = {
      (float) Math.log(0.15), (float) Math.log(0.5), (float) Math.log(0.05), (float) Math.log(0.3)
    };
    Sampler s = Sampler.seeded(1f, 0, 0.75f, 11);
    int ones = 0;
    int n = 40_000;
    for (int i = 0; i < n; i++) {
      if (s.sample(logits) == 1) {
        ones++;
      }
    }
    assertThat(ones / (double) n).isCloseTo(0.5 / 0.8, within(0.01));
  }

  @Test
  void fullSamplingFollowsTemperatureSoftmax() {
    float[] logits = {1f, 2f, 0f, NEG_INF};
    float t = 2f;
    Sampler s = Sampler.seeded(t, 0, 1f, 17);
    int[] counts = new int[4];
    int n = 50_000;
    for (int i = 0; i < n; i++) {
      counts[s.sample(logits)]++;
    }
    double z = Math.exp(0.5) + Math.exp(1) + Math.exp(0);
    assertThat(counts[3]).isZero();
    assertThat(counts[1] / (double) n).isCloseTo(Math.exp(1) / z, within(0.01));
    assertThat(counts[0] / (double) n).isCloseTo(Math.exp(0.5) / z, within(0.01));
  }

  @Test
  void maskedTokensAreNeverDrawn() {
    float[] logits = new float[500];
    java.util.Arrays.fill(logits, NEG_INF);
    logits[17] = -3f;
    logits[400] = -3.5f;
    for (Sampler s :
        new Sampler[] {
          Sampler.seeded(1f, 0, 1f, 1),
          Sampler.seeded(1f, 10, 1f, 1),
          Sampler.seeded(1f, 0, 0.5f, 1)
        }) {
      assertThat(drawn(s, logits)).isSubsetOf(17, 400);
    }
  }

  @Test
  void logSoftmaxMatchesDefinition() {
    Random r = new Random(5);
    float[] logits = randomLogits(r, 200);
    logits[3] = NEG_INF;
    double z = 0;
    for (float l : logits) {
      z += Math.exp(l);
    }
    for (int id : new int[] {0, 7, 199}) {
      assertThat(Sampler.logSoftmax(logits, id))
          .isCloseTo((float) Math.log(Math.exp(logits[id]) / z), within(1e-5f));
    }
    assertThat(Sampler.logSoftmax(logits, 3)).isEqualTo(NEG_INF);
    // Stable for large logits, where exp overflows.
    assertThat(Sampler.logSoftmax(new float[] {1000f, 1000f}, 0))
        .isCloseTo((float) Math.log(0.5), within(1e-6f));
  }

  @Test
  void rejectsBadSettings() {
    assertThatThrownBy(() -> Sampler.seeded(-1f, 0, 1f, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sampler.seeded(1f, 0, 0f, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GenerationConfig(0, List.of(), 0f, 0, 1f, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GenerationConfig(1, List.of(), 1f, -1, 1f, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sortKeysOrderByLogitThenLowerId() {
    assertThat(TopKTopPSampler.key(-1f, 0)).isGreaterThan(TopKTopPSampler.key(-2f, 0));
    assertThat(TopKTopPSampler.key(0.5f, 9)).isGreaterThan(TopKTopPSampler.key(-0.5f, 1));
    assertThat(TopKTopPSampler.key(1f, 3)).isGreaterThan(TopKTopPSampler.key(1f, 4));
    assertThat(TopKTopPSampler.index(TopKTopPSampler.key(-7f, 31999))).isEqualTo(31999);
  }

  private static java.util.Set<Integer> drawn(Sampler s, float[] logits) {
    java.util.Set<Integer> seen = new java.util.TreeSet<>();
    for (int i = 0; i < 5000; i++) {
      seen.add(s.sample(logits));
    }
    return seen;
  }

  private static float[] randomLogits(Random r, int n) {
    float[] l = new float[n];
    for (int i = 0; i < n; i++) {
      l[i] = (float) (r.nextGaussian() * 3);
    }
    return l;
  }

  private static int naiveArgmax(float[] l) {
    int best = 0;
    for (int i = 0; i < l.length; i++) {
      if (l[i] > l[best]) {
        best = i;
      }
    }
    return best;
  }
}
