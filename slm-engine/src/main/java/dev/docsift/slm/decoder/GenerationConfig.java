package dev.docsift.slm.decoder;

import java.util.Collection;
import java.util.List;

/**
 * What one generation may produce and how it picks tokens.
 *
 * @param maxNewTokens the most tokens to generate, at least 1
 * @param stopIds tokens that end generation (not part of the result); with a constraint, give the
 *     pack's {@code stop_ids} and {@code eos_ids} together, since the constraint lets the eos ids
 *     through once the document is complete
 * @param temperature 0 for greedy decoding, else the softmax temperature
 * @param topK tokens kept before sampling, 0 for all
 * @param topP probability mass kept before sampling, in (0, 1]; 1 for all
 * @param seed seed of the random draws: the same seed, prompt and settings give the same tokens
 */
public record GenerationConfig(
    int maxNewTokens, List<Integer> stopIds, float temperature, int topK, float topP, long seed) {

  /** Validates and copies. */
  public GenerationConfig {
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("maxNewTokens must be at least 1, got " + maxNewTokens);
    }
    stopIds = List.copyOf(stopIds);
    if (!(temperature >= 0f) || Float.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be 0 or more, got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("topK must be 0 (off) or more, got " + topK);
    }
    if (!(topP > 0f && topP <= 1f)) {
      throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
    }
  }

  /**
   * Greedy decoding.
   *
   * @param maxNewTokens the most tokens to generate
   * @param stopIds tokens that end generation
   * @return the configuration
   */
  public static GenerationConfig greedy(int maxNewTokens, Collection<Integer> stopIds) {
    return new GenerationConfig(maxNewTokens, List.copyOf(stopIds), 0f, 0, 1f, 0L);
  }

  /** The sampler these settings call for: a new one each call, since samplers keep state. */
  public Sampler sampler() {
    return Sampler.seeded(temperature, topK, topP, seed);
  }
}
