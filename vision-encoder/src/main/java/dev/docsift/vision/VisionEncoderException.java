package dev.docsift.vision;

import dev.docsift.errors.CodedException;
import dev.docsift.errors.ErrorCode;

/** The vision encoder's one checked exception: a code of DS631–DS633 and a readable sentence. */
public final class VisionEncoderException extends CodedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param code the stable code users can quote
   * @param message one sentence for the user
   */
  public VisionEncoderException(ErrorCode code, String message) {
    super(code, message, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param code the stable code users can quote
   * @param message one sentence for the user
   * @param cause the underlying failure, or null
   */
  public VisionEncoderException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
