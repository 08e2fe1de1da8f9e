package dev.docsift.app.cli;

import dev.docsift.core.DocsiftException;
import dev.docsift.errors.ErrorCode;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import dev.docsift.schemas.SchemaException;
import java.io.PrintWriter;
import java.util.Optional;

/** Maps errors from below the engine boundary to user-facing codes. */
final class Errors {
  private Errors() {}

  /**
   * Resolves a {@code --schema} value, or says on {@code err} why it cannot be (exit code 2).
   *
   * @param schema a shipped schema's id or a schema file
   * @param err where the reason goes
   * @return the schema, or empty after the reason was written
   */
  static Optional<DocumentSchema> resolveSchema(String schema, PrintWriter err) {
    try {
      return Optional.of(SchemaCatalog.shipped().resolve(schema));
    } catch (SchemaException e) {
      err.println(e.userMessage());
      err.flush();
      return Optional.empty();
    }
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
