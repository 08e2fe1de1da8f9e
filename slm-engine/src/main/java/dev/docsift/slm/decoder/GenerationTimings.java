package dev.docsift.slm.decoder;

/**
 * Where a generation's time went.
 *
 * @param promptTokens positions in the prompt
 * @param generatedTokens tokens in the result
 * @param prefillNanos the prompt's decoder run, tensors and logits included
 * @param decodeNanos the token loop after prefill: sampling, masking, embedding and decoder runs
 * @param decodeSteps decoder runs in the loop (one per token but the last)
 * @param sessionRunNanos time inside {@code OrtSession.run} during the loop (embedding and decoder
 *     graphs); the rest of {@code decodeNanos} is Java's share
 * @param constraintNanos time inside the constraint's mask and accept
 * @param constraintMaxNanos the slowest step's time inside the constraint
 */
public record GenerationTimings(
    int promptTokens,
    int generatedTokens,
    long prefillNanos,
    long decodeNanos,
    int decodeSteps,
    long sessionRunNanos,
    long constraintNanos,
    long constraintMaxNanos) {

  /** Prefill time in milliseconds. */
  public double prefillMillis() {
    return prefillNanos / 1e6;
  }

  /** Decode loop time in milliseconds. */
  public double decodeMillis() {
    return decodeNanos / 1e6;
  }

  /** Prompt tokens a second in prefill. */
  public double prefillTokensPerSecond() {
    return prefillNanos == 0 ? 0 : promptTokens * 1e9 / prefillNanos;
  }

  /** Decoder steps a second in the loop. */
  public double decodeTokensPerSecond() {
    return decodeNanos == 0 ? 0 : decodeSteps * 1e9 / decodeNanos;
  }

  /** Loop time outside {@code OrtSession.run}, as a share of the time inside it (0.05 = 5 %). */
  public double javaOverheadShare() {
    return sessionRunNanos == 0 ? 0 : (double) (decodeNanos - sessionRunNanos) / sessionRunNanos;
  }

  /** Loop time outside {@code OrtSession.run} per step, in microseconds. */
  public double javaOverheadMicrosPerStep() {
    return decodeSteps == 0 ? 0 : (decodeNanos - sessionRunNanos) / 1e3 / decodeSteps;
  }

  /** The slowest step's constraint time, in microseconds. */
  public double constraintMaxMicros() {
    return constraintMaxNanos / 1e3;
  }

  /** Constraint time per generated token, in microseconds. */
  public double constraintMicrosPerToken() {
    return generatedTokens == 0 ? 0 : constraintNanos / 1e3 / generatedTokens;
  }
}
