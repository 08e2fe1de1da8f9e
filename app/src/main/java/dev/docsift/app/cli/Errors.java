package dev.docsift.app.cli;

import dev.docsift.core.ErrorCode;
import dev.docsift.schemas.SchemaException;

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
}
