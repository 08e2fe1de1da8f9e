package dev.docsift.slm.decoder;

/** Why a generation ended. */
public enum StopReason {
  /** A stop token was chosen (no constraint). */
  STOP_TOKEN,
  /** The constraint was complete and a stop token was chosen: a whole, valid document. */
  CONSTRAINT_COMPLETE,
  /** {@link GenerationConfig#maxNewTokens()} tokens were generated. */
  MAX_TOKENS,
  /** The model's context ({@code max_context}) is full. */
  CONTEXT_FULL,
  /** The cancellation flag was raised. */
  CANCELLED
}
