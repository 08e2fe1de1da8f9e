package dev.docsift.app.service;

import dev.docsift.core.DocsiftException;
import dev.docsift.errors.CodedException;
import dev.docsift.errors.ErrorCode;
import java.io.IOException;
import org.slf4j.Logger;

/** Turns what background work threw into one sentence with its code, never a stack trace. */
public final class UserMessages {
  private UserMessages() {}

  /**
   * The sentence for a failure.
   *
   * @param e what was thrown
   * @return such as {@code DS501 Cannot write /out: No space left on device}
   */
  public static String of(Throwable e) {
    return switch (e) {
      case CodedException c -> c.userMessage();
      case IOException io -> ErrorCode.OUTPUT_FAILED.code() + " " + describe(io);
      default -> DocsiftException.unexpected("docsift", e).userMessage();
    };
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName().replace("Exception", "")
        + (message == null ? "" : ": " + message);
  }

  /**
   * Logs a defect as one line; with {@code DOCSIFT_DEBUG} set, with its stack trace, as the command
   * line does.
   *
   * @param log the logger
   * @param what what failed, such as {@code Unexpected failure on a.pdf}
   * @param e the defect
   */
  public static void logDefect(Logger log, String what, Throwable e) {
    if (System.getenv("DOCSIFT_DEBUG") != null) {
      log.warn(what, e);
    } else {
      log.warn("{}: {} (set DOCSIFT_DEBUG=1 for details)", what, e.toString());
    }
  }
}
