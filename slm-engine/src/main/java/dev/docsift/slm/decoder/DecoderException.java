package dev.docsift.slm.decoder;

import dev.docsift.errors.CodedException;
import dev.docsift.errors.ErrorCode;

/**
 * The decoder cannot open its graphs or run a step: a code of DS621–DS625 and one sentence a user
 * can act on. Programmer errors (bad arguments, use after close) are not reported this way but as
 * {@link IllegalArgumentException} and {@link IllegalStateException}.
 */
public final class DecoderException extends CodedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param code the stable code users can quote
   * @param message one sentence for the user
   */
  public DecoderException(ErrorCode code, String message) {
    super(code, message, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param code the stable code users can quote
   * @param message one sentence for the user
   * @param cause the underlying failure, or null
   */
  public DecoderException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
