package dev.docsift.errors;

import java.util.Objects;

/**
 * A failure a user can act on: a stable {@link ErrorCode} and one sentence naming the file or
 * setting at fault. Every module's checked exception extends this, so the code a module chose is
 * the code the user sees, with no lookup in between.
 */
public abstract class CodedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /**
   * Creates the exception.
   *
   * @param code the stable error code
   * @param message one sentence for the user
   * @param cause the underlying failure, kept for logs, or null
   */
  protected CodedException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The stable error code. */
  public final ErrorCode code() {
    return code;
  }

  /** The message prefixed with its code, as users see it: {@code DS107 The PDF is encrypted...}. */
  public final String userMessage() {
    return code.code() + " " + getMessage();
  }
}
