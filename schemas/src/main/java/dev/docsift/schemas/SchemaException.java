package dev.docsift.schemas;

/** A schema could not be found, read or used. The message is a sentence for the user. */
public final class SchemaException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a schema could not be had. */
  public enum Reason {
    /** No shipped schema has that id and no file has that path. */
    NOT_FOUND,
    /** The file is not JSON, or not a usable JSON Schema. */
    INVALID
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why
   * @param message a sentence for the user
   * @param cause the underlying failure, or null
   */
  public SchemaException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Why the schema could not be had. */
  public Reason reason() {
    return reason;
  }
}
