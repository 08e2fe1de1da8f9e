package dev.docsift.app.cli;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.ErrorCode;
import dev.docsift.schemas.SchemaException;
import java.io.PrintWriter;

/** Maps errors from below the engine boundary to user-facing codes. */
final class Errors {
  private Errors() {}

  /** The stable code of a schema error. */
  static String schemaCode(SchemaException e) {
    return (e.reason() == SchemaException.Reason.NOT_FOUND
            ? ErrorCode.SCHEMA_NOT_FOUND
            : ErrorCode.SCHEMA_INVALID)
        .code();
  }

  /**
   * Explains why a run could not start and gives its exit code: 2 where the user named something
   * absent (a language's data, a model pack), 1 otherwise.
   *
   * @param err where the sentence goes
   * @param e why the run could not start
   * @return the exit code
   */
  static int startFailed(PrintWriter err, DocsiftException e) {
    err.println(e.userMessage());
    err.flush();
    return e.code() == ErrorCode.LANGUAGE_MISSING || e.code() == ErrorCode.MODEL_NOT_FOUND ? 2 : 1;
  }
}
