package dev.docsift.core;

import java.util.Objects;

/**
 * The one checked exception at the engine boundary: a stable code and a sentence a user can act on.
 * Wrap once, where a library's exception is first caught.
 */
public final class DocsiftException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /**
   * Creates the exception.
   *
   * @param code the stable error code
   * @param message one sentence for the user, naming the file or setting at fault
   */
  public DocsiftException(ErrorCode code, String message) {
    this(code, message, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param code the stable error code
   * @param message one sentence for the user
   * @param cause the underlying failure, kept for logs
   */
  public DocsiftException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The stable error code. */
  public ErrorCode code() {
    return code;
  }

  /** The message prefixed with its code, as users see it: {@code DS107 The PDF is encrypted...}. */
  public String userMessage() {
    return code.code() + " " + getMessage();
  }
}
