package dev.docsift.slm.decoder;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a generation produced. The arrays belong to the result: do not change them.
 *
 * @param tokenIds the generated tokens, without the stop token
 * @param logprobs each token's log-probability under the logits it was drawn from: log-softmax
 *     after the constraint's mask, at temperature 1, before top-k / top-p
 * @param unmaskedLogprobs each token's log-probability under the model's raw logits (equal to
 *     {@code logprobs} without a constraint): how much the constraint overrode the model
 * @param stopReason why it ended
 * @param timings where the time went
 */
public record GenerationResult(
    int[] tokenIds,
    float[] logprobs,
    float[] unmaskedLogprobs,
    StopReason stopReason,
    GenerationTimings timings) {

  /** Validates. */
  public GenerationResult {
    Objects.requireNonNull(tokenIds, "tokenIds");
    Objects.requireNonNull(stopReason, "stopReason");
    Objects.requireNonNull(timings, "timings");
    if (logprobs.length != tokenIds.length || unmaskedLogprobs.length != tokenIds.length) {
      throw new IllegalArgumentException("one log-probability per token");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GenerationResult r
        && Arrays.equals(tokenIds, r.tokenIds)
        && Arrays.equals(logprobs, r.logprobs)
        && Arrays.equals(unmaskedLogprobs, r.unmaskedLogprobs)
        && stopReason == r.stopReason
        && timings.equals(r.timings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(tokenIds), stopReason, timings);
  }

  @Override
  public String toString() {
    return "GenerationResult[tokenIds="
        + Arrays.toString(tokenIds)
        + ", stopReason="
        + stopReason
        + ", timings="
        + timings
        + "]";
  }
}
