package dev.docsift.slm.constrain;

import dev.docsift.slm.tokenizer.Vocabulary;
import java.util.Random;

/**
 * Measures the cost of constrained decoding: random generations (random logits, masked, the best
 * allowed token taken) timing only {@link TokenConstraint#mask} and {@link TokenConstraint#accept}.
 * For {@code docsift bench decoder}.
 */
public final class ConstraintBenchmark {
  private static final int LOGIT_BANKS = 16;

  private ConstraintBenchmark() {}

  /**
   * The outcome of a run.
   *
   * @param tokens tokens generated (end-of-sequence included)
   * @param documents documents completed
   * @param meanMicrosPerToken mean time of mask + accept per token, in microseconds
   * @param setupMillis time to build the {@link ConstraintFactory} (token trie), in milliseconds
   */
  public record Result(long tokens, int documents, double meanMicrosPerToken, double setupMillis) {}

  /**
   * Runs random constrained steps.
   *
   * @param vocab the vocabulary
   * @param grammar the schema
   * @param eosIds the end-of-sequence ids
   * @param steps how many tokens to generate in all
   * @param seed the random seed
   * @return the timing
   */
  public static Result run(
      Vocabulary vocab, JsonSchemaGrammar grammar, int[] eosIds, int steps, long seed) {
    long t0 = System.nanoTime();
    ConstraintFactory factory = new ConstraintFactory(grammar, vocab, eosIds);
    double setupMillis = (System.nanoTime() - t0) / 1e6;
    Random random = new Random(seed);
    int size = vocab.size();
    // Filling 32k random logits costs more than the constraint: draw a few banks once.
    float[][] banks = new float[LOGIT_BANKS][size];
    for (float[] bank : banks) {
      for (int i = 0; i < size; i++) {
        bank[i] = (float) random.nextGaussian();
      }
    }
    float[] logits = new float[size];
    long timed = 0;
    int documents = 0;
    long tokens = 0;
    SchemaConstraint constraint = factory.create();
    while (tokens < steps) {
      System.arraycopy(banks[random.nextInt(LOGIT_BANKS)], 0, logits, 0, size);
      long a = System.nanoTime();
      constraint.mask(logits);
      long b = System.nanoTime();
      int best = argmax(logits);
      if (best < 0) {
        throw new IllegalStateException("the constraint allowed no token");
      }
      long c = System.nanoTime();
      constraint.accept(best);
      timed += (b - a) + (System.nanoTime() - c);
      tokens++;
      if (factory.isEos(best)) {
        documents++;
        constraint = factory.create();
      }
    }
    return new Result(tokens, documents, timed / 1e3 / tokens, setupMillis);
  }

  private static int argmax(float[] logits) {
    int best = -1;
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < logits.length; i++) {
      if (logits[i] > max) {
        max = logits[i];
        best = i;
      }
    }
    return best;
  }
}
