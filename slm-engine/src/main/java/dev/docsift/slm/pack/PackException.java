package dev.docsift.slm.pack;

import dev.docsift.errors.CodedException;
import dev.docsift.errors.ErrorCode;

/**
 * A model pack cannot be read, verified, installed or removed: one of the {@code MODEL_*} codes
 * (DS601–DS610) and one sentence a user can act on.
 */
public final class PackException extends CodedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param code the stable code users can quote
   * @param message one sentence for the user
   */
  public PackException(ErrorCode code, String message) {
    super(code, message, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param code the stable code users can quote
   * @param message one sentence for the user
   * @param cause the underlying failure, or null
   */
  public PackException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
