package dev.docsift.slm.constrain;

/**
 * Restricts generation, token by token, to texts that can still become a valid document. Used by
 * one generation at a time: not thread-safe.
 */
public interface TokenConstraint {
  /**
   * Sets to negative infinity the logit of every token that cannot extend the text written so far;
   * end-of-sequence ids stay allowed only once the text is complete.
   *
   * @param logits one logit per token id, changed in place
   */
  void mask(float[] logits);

  /**
   * Advances past a token chosen among those {@link #mask} left allowed.
   *
   * @param tokenId the token
   * @throws IllegalArgumentException when the token was not allowed
   */
  void accept(int tokenId);

  /**
   * Tells the constraint how many tokens the generation may still emit, end-of-sequence included,
   * counting the one the next {@link #mask} is for. A caller with a token limit calls it before
   * every {@link #mask}; a constraint may then also forbid tokens after which the text could no
   * longer be completed in time. The default ignores it.
   *
   * @param remainingTokens tokens left, at least 1
   */
  default void budget(int remainingTokens) {}

  /**
   * Whether a token chosen among those {@link #mask} left may be taken. A constraint may leave a
   * check that only a few tokens fail (the budget, near the token limit) to the token actually
   * chosen instead of running it over the whole vocabulary at every step: the caller then blanks
   * the refused token's logit and chooses again, which for greedy decoding picks the same token as
   * masking every unsafe one first. After a few refusals the caller calls {@link #maskExactly}. The
   * default admits every token {@link #mask} left.
   *
   * @param tokenId a token {@link #mask} left allowed
   * @return whether it may be taken
   */
  default boolean admits(int tokenId) {
    return true;
  }

  /**
   * Masks every token {@link #admits} would refuse, so that every token left is admitted.
   *
   * @param logits the logits {@link #mask} was applied to, changed in place
   */
  default void maskExactly(float[] logits) {}

  /** Whether the text so far is a complete, valid document. */
  boolean isComplete();
}
