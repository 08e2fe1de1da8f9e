package dev.docsift.slm.constrain;

import java.util.Random;
import java.util.function.Supplier;

/**
 * Random constrained generations: random logits, masked, the best allowed token taken, a fresh
 * constraint after each end-of-sequence. What {@link ConstraintBenchmark} times and what {@link
 * ConstraintFactory#warmUp} runs.
 */
final class RandomWalk {
  /** Refused choices before the mask is made exact, as in the generator. */
  private static final int MAX_REFUSALS = 8;

  private RandomWalk() {}

  /**
   * What a walk did.
   *
   * @param tokens tokens taken, end-of-sequence included
   * @param documents documents completed
   * @param nanos time spent in the constraint: mask, the choice's admission checks, accept
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
    long[] spent = {0}; // the admission checks' time, which the choosing loop adds to
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
      int best = admitted(constraint, logits, spent);
      long c = System.nanoTime();
      constraint.accept(best);
      timed += System.nanoTime() - c;
      tokens++;
      inDocument++;
      if (factory.isEos(best)) {
        documents++;
        inDocument = 0;
        constraint = constraints.get();
      }
    }
    return new Outcome(tokens, documents, timed + spent[0]);
  }

  /**
   * The best token the constraint admits, chosen as the generator chooses: a refused choice is
   * blanked, and after a few refusals the mask is made exact. This is where a budget bites.
   *
   * @throws IllegalStateException when no token is left
   */
  private static int admitted(SchemaConstraint constraint, float[] logits, long[] spent) {
    for (int refusals = 0; ; refusals++) {
      int best = argmax(logits);
      if (best < 0) {
        throw new IllegalStateException("the constraint allowed no token");
      }
      long t0 = System.nanoTime();
      boolean admitted = constraint.admits(best);
      if (!admitted && refusals >= MAX_REFUSALS) {
        constraint.maskExactly(logits);
      }
      spent[0] += System.nanoTime() - t0;
      if (admitted) {
        return best;
      }
      if (refusals < MAX_REFUSALS) {
        logits[best] = Float.NEGATIVE_INFINITY;
      }
    }
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
