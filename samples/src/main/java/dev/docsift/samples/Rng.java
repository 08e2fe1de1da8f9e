package dev.docsift.samples;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The one source of randomness: everything the generator decides comes from here, so a seed fixes
 * every byte. SplittableRandom's algorithm is specified, so a seed means the same on every JDK.
 */
final class Rng {
  private final SplittableRandom random;

  Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A uniform int in [lo, hi], both inclusive. */
  int between(int lo, int hi) {
    return lo + random.nextInt(hi - lo + 1);
  }

  /** A uniform double in [lo, hi). */
  double between(double lo, double hi) {
    return lo + random.nextDouble() * (hi - lo);
  }

  /** A uniform double in [lo, hi) rounded to a multiple of step. */
  float stepped(double lo, double hi, double step) {
    return (float) (Math.round(between(lo, hi) / step) * step);
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  long nextLong() {
    return random.nextLong();
  }

  double gaussian() {
    return random.nextGaussian();
  }

  <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  @SafeVarargs
  final <T> T pick(T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** A string of random decimal digits. */
  String digits(int count) {
    StringBuilder s = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      s.append((char) ('0' + random.nextInt(10)));
    }
    return s.toString();
  }

  /** A price in [lo, hi] with the endings shops like (.99, .50, .95, .00) half the time. */
  BigDecimal price(double lo, double hi) {
    long cents = Math.round(between(lo, hi) * 100);
    if (chance(0.5)) {
      int[] endings = {99, 50, 95, 0, 49, 25, 75};
      long ending = endings[random.nextInt(endings.length)];
      cents = Math.max(cents - cents % 100 + ending, ending == 0 ? 100 : ending);
    }
    return BigDecimal.valueOf(cents, 2).setScale(2, RoundingMode.UNNECESSARY);
  }
}
