package dev.docsift.slm.decoder;

import dev.docsift.slm.constrain.TokenConstraint;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What a caller plugs into one generation besides its settings.
 *
 * @param constraint masks logits before each draw and is told each chosen token; empty for free
 *     text. A constraint serves one generation.
 * @param listener hears each token as it is chosen
 * @param cancelled checked before every step; true ends the generation with {@link
 *     StopReason#CANCELLED}
 * @param sampler picks tokens; empty to use {@link GenerationConfig#sampler()}
 */
public record GenerationHooks(
    Optional<TokenConstraint> constraint,
    TokenListener listener,
    BooleanSupplier cancelled,
    Optional<Sampler> sampler) {

  /** No constraint, no listener, never cancelled, the configured sampler. */
  public static final GenerationHooks NONE =
      new GenerationHooks(Optional.empty(), TokenListener.NONE, () -> false, Optional.empty());

  /** Validates. */
  public GenerationHooks {
    Objects.requireNonNull(constraint, "constraint");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(cancelled, "cancelled");
    Objects.requireNonNull(sampler, "sampler");
  }

  /** A copy with a constraint. */
  public GenerationHooks withConstraint(TokenConstraint c) {
    return new GenerationHooks(Optional.of(c), listener, cancelled, sampler);
  }

  /** A copy with a listener. */
  public GenerationHooks withListener(TokenListener l) {
    return new GenerationHooks(constraint, l, cancelled, sampler);
  }

  /** A copy with a cancellation flag. */
  public GenerationHooks withCancellation(BooleanSupplier c) {
    return new GenerationHooks(constraint, listener, c, sampler);
  }

  /** A copy with a sampler that overrides the configuration's. */
  public GenerationHooks withSampler(Sampler s) {
    return new GenerationHooks(constraint, listener, cancelled, Optional.of(s));
  }
}
