package dev.docsift.schemas;

import dev.docsift.errors.CodedException;
import dev.docsift.errors.ErrorCode;

/**
 * A schema could not be found ({@link ErrorCode#SCHEMA_NOT_FOUND}) or read and used ({@link
 * ErrorCode#SCHEMA_INVALID}). The message is a sentence for the user.
 */
public final class SchemaException extends CodedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param code the stable code users can quote
   * @param message one sentence for the user
   */
  public SchemaException(ErrorCode code, String message) {
    super(code, message, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param code the stable code users can quote
   * @param message one sentence for the user
   * @param cause the underlying failure, or null
   */
  public SchemaException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
