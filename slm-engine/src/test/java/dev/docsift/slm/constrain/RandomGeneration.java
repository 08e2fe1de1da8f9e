package dev.docsift.slm.constrain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Drives a constraint with random logits, as a model would, and returns the bytes written. */
final class RandomGeneration {
  /** How logits lean. */
  enum Skew {
    UNIFORM,
    LONGEST,
    CLOSING,
    MIXED
  }

  private RandomGeneration() {}

  static String run(
      TestVocab vocab, SchemaConstraint constraint, Skew skew, long seed, int maxSteps) {
    return run(vocab, constraint, skew, seed, maxSteps, false);
  }

  /**
   * @param budgeted whether to tell the constraint, before each mask, that only the steps left to
   *     {@code maxSteps} remain (end-of-sequence included)
   */
  static String run(
      TestVocab vocab,
      SchemaConstraint constraint,
      Skew skew,
      long seed,
      int maxSteps,
      boolean budgeted) {
    Random random = new Random(seed);
    float[] bonus = new float[vocab.size()];
    for (int id = 0; id < vocab.size(); id++) {
      byte[] b = vocab.bytes(id);
      int closers = 0;
      for (byte x : b) {
        closers += x == '"' || x == '}' || x == ']' ? 1 : 0;
      }
      bonus[id] =
          switch (skew) {
            case UNIFORM -> 0f;
            case LONGEST -> 1.5f * b.length;
            case CLOSING -> 3f * closers + (id == vocab.eos() ? 5f : 0f);
            case MIXED -> 0.7f * b.length + 1.5f * closers + (id == vocab.eos() ? 3f : 0f);
          };
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    float[] logits = new float[vocab.size()];
    for (int step = 0; step < maxSteps; step++) {
      for (int i = 0; i < logits.length; i++) {
        logits[i] = (float) random.nextGaussian() + bonus[i];
      }
      if (budgeted) {
        constraint.budget(maxSteps - step);
      }
      constraint.mask(logits);
      int best = choose(constraint, logits);
      if (best < 0) {
        throw new AssertionError(
            "stuck: no token allowed after " + out.toString(StandardCharsets.UTF_8));
      }
      constraint.accept(best);
      if (best == vocab.eos()) {
        try {
          // Strict: a malformed UTF-8 sequence fails instead of becoming U+FFFD.
          return StandardCharsets.UTF_8
              .newDecoder()
              .decode(java.nio.ByteBuffer.wrap(out.toByteArray()))
              .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
          throw new AssertionError("malformed UTF-8: " + out, e);
        }
      }
      out.writeBytes(vocab.bytes(best));
    }
    throw new AssertionError("did not finish in " + maxSteps + " steps");
  }

  /**
   * The best token the constraint admits in masked logits, chosen as the generator does: a refused
   * choice is blanked, and after a few refusals the mask is made exact.
   *
   * @return the token, or -1 when none is left
   */
  static int choose(TokenConstraint constraint, float[] logits) {
    int best = best(logits);
    for (int refusals = 1; best >= 0 && !constraint.admits(best); refusals++) {
      if (refusals < 3) {
        logits[best] = Float.NEGATIVE_INFINITY;
      } else {
        constraint.maskExactly(logits);
      }
      best = best(logits);
    }
    return best;
  }

  private static int best(float[] logits) {
    int best = -1;
    for (int i = 0; i < logits.length; i++) {
      if (logits[i] != Float.NEGATIVE_INFINITY && (best < 0 || logits[i] > logits[best])) {
        best = i;
      }
    }
    return best;
  }
}
