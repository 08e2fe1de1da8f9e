package dev.docsift.core;

import dev.docsift.schemas.SchemaException;
import java.nio.file.Path;
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

  /**
   * The failure a document met that no code foresaw, as the user is told it: a page too big for the
   * memory given ({@link ErrorCode#IMAGE_TOO_LARGE}), anything else a defect ({@link
   * ErrorCode#INTERNAL}). The one place that maps an unexpected failure to a code, for every
   * scheduler of documents.
   *
   * @param file the document
   * @param failure what was thrown
   * @return the exception to report
   */
  public static DocsiftException unexpected(Path file, Throwable failure) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    if (failure instanceof OutOfMemoryError) {
      return new DocsiftException(
          ErrorCode.IMAGE_TOO_LARGE,
          name
              + ": the document needs more memory than docsift was given; split it or read it"
              + " at a lower --dpi.",
          failure);
    }
    String what = failure.getMessage() == null ? "" : ": " + failure.getMessage();
    return new DocsiftException(
        ErrorCode.INTERNAL,
        name
            + ": an unexpected failure in docsift ("
            + failure.getClass().getSimpleName()
            + what
            + "); please report it with the file.",
        failure);
  }

  /**
   * A schema that could not be had, with its code: the one place that maps a schema's failure.
   *
   * @param e why the schema could not be found or used
   * @return the exception to report
   */
  public static DocsiftException of(SchemaException e) {
    return new DocsiftException(
        e.reason() == SchemaException.Reason.NOT_FOUND
            ? ErrorCode.SCHEMA_NOT_FOUND
            : ErrorCode.SCHEMA_INVALID,
        e.getMessage(),
        e);
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
