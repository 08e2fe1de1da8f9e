package dev.docsift.slm.decoder;

/**
 * Hears each generated token as soon as it is chosen (streaming). Called on the generating thread.
 */
@FunctionalInterface
public interface TokenListener {
  /**
   * A token was chosen and accepted.
   *
   * @param tokenId the token
   * @param logprob its log-probability under the (masked) logits it was drawn from
   */
  void onToken(int tokenId, float logprob);

  /** Hears nothing. */
  TokenListener NONE = (tokenId, logprob) -> {};
}
