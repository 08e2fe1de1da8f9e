package dev.docsift.slm.decoder;

import java.util.Objects;

/**
 * The decoder cannot open its graphs or run a step. The message is one sentence a user can act on;
 * {@link #reason()} says what kind of failure it is and {@link Reason#code()} gives the stable code
 * users can quote. Programmer errors (bad arguments, use after close) are not reported this way but
 * as {@link IllegalArgumentException} and {@link IllegalStateException}.
 */
public final class DecoderException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, each with a stable user-facing code. */
  public enum Reason {
    /** ONNX Runtime could not load a graph file (missing, corrupt, unsupported operator). */
    MODEL_LOAD("DS621"),
    /** A graph's inputs or outputs disagree with the pack's decoder contract. */
    CONTRACT_MISMATCH("DS622"),
    /** ONNX Runtime failed while running a step. */
    RUNTIME("DS623"),
    /** The prompt alone is longer than the model's context. */
    CONTEXT_OVERFLOW("DS624"),
    /** The constraint left no token allowed: the schema and the vocabulary cannot agree. */
    CONSTRAINT_DEAD_END("DS625");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    /** The stable code, such as {@code DS622}; it never changes meaning. */
    public String code() {
      return code;
    }
  }

  private final Reason reason;

  /**
   * Creates an exception.
   *
   * @param reason what kind of failure
   * @param message one sentence for the user
   */
  public DecoderException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Creates an exception with a cause.
   *
   * @param reason what kind of failure
   * @param message one sentence for the user
   * @param cause the underlying failure
   */
  public DecoderException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** What kind of failure this is. */
  public Reason reason() {
    return reason;
  }

  /** The stable code of the reason, such as {@code DS622}. */
  public String code() {
    return reason.code();
  }
}
