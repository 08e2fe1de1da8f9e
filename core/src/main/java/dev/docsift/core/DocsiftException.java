package dev.docsift.core;

import dev.docsift.errors.CodedException;
import dev.docsift.errors.ErrorCode;
import java.nio.file.Path;

/**
 * The one checked exception at the engine boundary: a stable code and a sentence a user can act on.
 * Wrap once, where a library's exception is first caught; a module's own coded exception keeps its
 * code ({@link #of(String, CodedException)}).
 */
public final class DocsiftException extends CodedException {
  private static final long serialVersionUID = 1L;

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
    super(code, message, cause);
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
    return unexpected(name, "the document", "please report it with the file", failure);
  }

  /**
   * The failure that no code foresaw, as {@link #unexpected(Path, Throwable)}, for work that is not
   * one document (a command, a listener, a background task).
   *
   * @param subject what failed, such as {@code "docsift models install"}
   * @param failure what was thrown
   * @return the exception to report
   */
  public static DocsiftException unexpected(String subject, Throwable failure) {
    return unexpected(
        subject, "the work", "please report it (DOCSIFT_DEBUG=1 shows the details)", failure);
  }

  private static DocsiftException unexpected(
      String subject, String work, String report, Throwable failure) {
    if (failure instanceof CodedException coded) {
      return of(subject, coded);
    }
    if (failure instanceof OutOfMemoryError) {
      return new DocsiftException(
          ErrorCode.IMAGE_TOO_LARGE,
          subject
              + ": "
              + work
              + " needs more memory than docsift was given; split it or read it at a lower --dpi.",
          failure);
    }
    String what = failure.getMessage() == null ? "" : ": " + failure.getMessage();
    return new DocsiftException(
        ErrorCode.INTERNAL,
        subject
            + ": an unexpected failure in docsift ("
            + failure.getClass().getSimpleName()
            + what
            + "); "
            + report
            + ".",
        failure);
  }

  /**
   * A module's coded failure while working on one thing, named first in the sentence.
   *
   * @param subject such as the document's file name
   * @param e the failure
   * @return the exception to report
   */
  public static DocsiftException of(String subject, CodedException e) {
    return new DocsiftException(e.code(), subject + ": " + e.getMessage(), e);
  }
}
