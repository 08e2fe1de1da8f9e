package dev.docsift.slm.decoder;

/**
 * Picks the next token from logits. Implementations may keep state (a random generator): use one
 * per generation.
 */
@FunctionalInterface
public interface Sampler {
  /**
   * Picks a token.
   *
   * @param logits one logit per token id; masked tokens are negative infinity, and at least one is
   *     finite. Not changed.
   * @return the token id
   */
  int sample(float[] logits);

  /** Greedy decoding: the highest logit, the lowest id on a tie (as {@code torch.argmax}). */
  Sampler ARGMAX = Sampler::argmax;

  /**
   * The index of the highest logit, the lowest on a tie.
   *
   * @param logits at least one value
   * @return the index
   */
  static int argmax(float[] logits) {
    int best = 0;
    float max = logits[0];
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > max) {
        max = logits[i];
        best = i;
      }
    }
    return best;
  }

  /**
   * A sampler for temperature, top-k and top-p (nucleus) sampling, as Hugging Face applies them:
   * divide by the temperature, keep the k highest, keep the smallest set whose probability reaches
   * p, renormalise, draw.
   *
   * @param temperature 0 for greedy ({@link #ARGMAX}), else above 0
   * @param topK tokens kept, 0 for all
   * @param topP probability mass kept, in (0, 1]; 1 for all
   * @param seed the random generator's seed: equal seeds give equal draws
   * @return the sampler
   */
  static Sampler seeded(float temperature, int topK, float topP, long seed) {
    if (temperature == 0f) {
      return ARGMAX;
    }
    return new TopKTopPSampler(temperature, topK, topP, seed);
  }

  /**
   * The log-probability of one token under the softmax of logits: {@code logits[id] -
   * logsumexp(logits)}. Negative-infinity logits count as probability 0.
   *
   * @param logits one logit per token id, at least one finite
   * @param id the token
   * @return the log-probability, at most 0
   */
  static float logSoftmax(float[] logits, int id) {
    return (float) (logits[id] - logSumExp(logits));
  }

  /**
   * {@code log(sum(exp(logits)))}, computed stably.
   *
   * @param logits at least one finite value
   * @return the log of the softmax's normaliser
   */
  static double logSumExp(float[] logits) {
    float max = Float.NEGATIVE_INFINITY;
    for (float l : logits) {
      if (l > max) {
        max = l;
      }
    }
    double sum = 0;
    for (float l : logits) {
      // Masked tokens add nothing: skipping them saves an exp each (4 ns), which under a schema
      // constraint is most of a 32k vocabulary at most steps.
      if (l != Float.NEGATIVE_INFINITY) {
        sum += Math.exp(l - max);
      }
    }
    return max + Math.log(sum);
  }
}
