package dev.docsift.slm.constrain;

import java.util.Random;
import java.util.function.Supplier;

/**
 * Random constrained generations: random logits, masked, the best allowed token taken, a fresh
 * constraint after each end-of-sequence. What {@link ConstraintBenchmark} times and what {@link
 * ConstraintFactory#warmUp} runs.
 */
final class RandomWalk {
  private RandomWalk() {}

  /**
   * What a walk did.
   *
   * @param tokens tokens taken, end-of-sequence included
   * @param documents documents completed
   * @param nanos time spent in the constraint: mask, admitting the choice (choosing again after a
   *     refusal), accept
   */
  record Outcome(long tokens, int documents, long nanos) {}

  /**
   * Walks.
   *
   * @param factory whose end-of-sequence ids end a document
   * @param constraints a fresh constraint per document
   * @param vocabSize the vocabulary's size
   * @param steps tokens to take in all
   * @param documentBudget tokens each document must end within, telling the constraint how many are
   *     left at every step (the generator's budget path); {@link Integer#MAX_VALUE} for no budget
   * @param banks how many random logit vectors to draw (filling 32k random logits costs more than
   *     the constraint, so they are drawn once and reused)
   * @param random the randomness
   * @return what was done (less than asked when the thread was interrupted)
   * @throws IllegalStateException when a constraint allows no token
   */
  static Outcome run(
      ConstraintFactory factory,
      Supplier<SchemaConstraint> constraints,
      int vocabSize,
      long steps,
      int documentBudget,
      int banks,
      Random random) {
    float[][] bank = new float[banks][vocabSize];
    for (float[] b : bank) {
      for (int i = 0; i < vocabSize; i++) {
        b[i] = (float) random.nextGaussian();
      }
    }
    float[] logits = new float[vocabSize];
    long timed = 0;
    int documents = 0;
    long tokens = 0;
    int inDocument = 0;
    SchemaConstraint constraint = constraints.get();
    // An interrupt ends the walk early: a warm-up whose engine is closing.
    while (tokens < steps && !Thread.currentThread().isInterrupted()) {
      System.arraycopy(bank[random.nextInt(banks)], 0, logits, 0, vocabSize);
      long a = System.nanoTime();
      if (documentBudget != Integer.MAX_VALUE) {
        constraint.budget(Math.max(1, documentBudget - inDocument));
      }
      constraint.mask(logits);
      timed += System.nanoTime() - a;
      int best = argmax(logits);
      long b = System.nanoTime();
      // Chosen as the generator chooses: this is where a budget bites.
      best = best < 0 ? -1 : TokenConstraint.admit(constraint, logits, best, RandomWalk::argmax);
      if (best < 0) {
        throw new IllegalStateException("the constraint allowed no token");
      }
      constraint.accept(best);
      timed += System.nanoTime() - b;
      tokens++;
      inDocument++;
      if (factory.isEos(best)) {
        documents++;
        inDocument = 0;
        constraint = constraints.get();
      }
    }
    return new Outcome(tokens, documents, timed);
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
