package dev.docsift.app.service;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.ErrorCode;
import dev.docsift.schemas.SchemaException;
import dev.docsift.slm.pack.PackException;
import java.io.IOException;

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
      case DocsiftException d -> d.userMessage();
      case SchemaException s ->
          (s.reason() == SchemaException.Reason.NOT_FOUND
                      ? ErrorCode.SCHEMA_NOT_FOUND
                      : ErrorCode.SCHEMA_INVALID)
                  .code()
              + " "
              + s.getMessage();
      case PackException p -> p.reason().code() + " " + p.getMessage();
      case IOException io -> ErrorCode.OUTPUT_FAILED.code() + " " + describe(io);
      default ->
          ErrorCode.INTERNAL.code()
              + " docsift failed unexpectedly: "
              + e
              + " (please report it; set DOCSIFT_DEBUG=1 for details).";
    };
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName().replace("Exception", "")
        + (message == null ? "" : ": " + message);
  }
}
