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
    RandomWalk.Outcome walk =
        RandomWalk.run(
            factory,
            factory::create,
            vocab.size(),
            steps,
            Integer.MAX_VALUE,
            LOGIT_BANKS,
            new Random(seed));
    return new Result(
        walk.tokens(), walk.documents(), walk.nanos() / 1e3 / walk.tokens(), setupMillis);
  }
}
