package dev.docsift.slm.constrain;

import java.util.function.ToIntFunction;

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

  /** Refused choices after which {@link #admit} asks for {@link #maskExactly}. */
  int MAX_REFUSALS = 8;

  /**
   * The token a caller takes, by the rule {@link #admits} describes: {@code token} when admitted;
   * otherwise its logit is blanked and {@code choose} picks again, and after {@link #MAX_REFUSALS}
   * refusals the mask is made exact, so that the next choice is admitted.
   *
   * @param constraint the constraint, {@link #mask} already applied to {@code logits}
   * @param logits the masked logits, changed in place
   * @param token the first choice
   * @param choose picks a token from logits (the sampler, or the best)
   * @return the token to take, or -1 when the constraint leaves none
   */
  static int admit(
      TokenConstraint constraint, float[] logits, int token, ToIntFunction<float[]> choose) {
    int refusals = 0;
    while (!constraint.admits(token)) {
      if (++refusals < MAX_REFUSALS) {
        logits[token] = Float.NEGATIVE_INFINITY;
      } else {
        constraint.maskExactly(logits);
      }
      if (allMasked(logits)) {
        return -1;
      }
      token = choose.applyAsInt(logits);
    }
    return token;
  }

  /** Whether a mask left no token at all. */
  static boolean allMasked(float[] logits) {
    for (float l : logits) {
      if (l > Float.NEGATIVE_INFINITY) {
        return false;
      }
    }
    return true;
  }
}
