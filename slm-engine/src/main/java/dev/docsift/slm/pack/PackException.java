package dev.docsift.slm.pack;

import java.util.Objects;

/**
 * A model pack cannot be read, verified, installed or removed. The message is one sentence a user
 * can act on; {@link #reason()} says what kind of failure it is and {@link Reason#code()} gives the
 * stable code users can quote.
 */
public final class PackException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, each with a stable user-facing code. */
  public enum Reason {
    /** No pack (or no pack.json, or no source) where one was named. */
    NOT_FOUND("DS601"),
    /** pack.json is not valid JSON or breaks the pack format. */
    INVALID_MANIFEST("DS602"),
    /** A file named in pack.json is absent. */
    MISSING_FILE("DS603"),
    /** A file's SHA-256 differs from the one pack.json (or the download) gives. */
    HASH_MISMATCH("DS604"),
    /** An ONNX graph cannot be opened or its inputs and outputs disagree with pack.json. */
    GRAPH_MISMATCH("DS605"),
    /** An archive holds an entry that would leave the target folder, a link, or too much data. */
    UNSAFE_ARCHIVE("DS606"),
    /** A download failed (network, HTTP status, refused URL). */
    DOWNLOAD_FAILED("DS607"),
    /** A pack with the same name is installed already. */
    ALREADY_INSTALLED("DS608"),
    /** Reading or writing the disk failed. */
    IO("DS609"),
    /** A downloaded model folder cannot be imported as a pack: its configs or graphs do not fit. */
    NOT_IMPORTABLE("DS610");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    /** The stable code, such as {@code DS604}; it never changes meaning. */
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
  public PackException(Reason reason, String message) {
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
  public PackException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** What kind of failure this is. */
  public Reason reason() {
    return reason;
  }

  /** The stable code of the reason, such as {@code DS604}. */
  public String code() {
    return reason.code();
  }
}
