package dev.docsift.vision;

/** The vision encoder's one checked exception: a stable {@link Code} and a readable sentence. */
public final class VisionEncoderException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Stable error codes users can quote. */
  public enum Code {
    /** The ONNX file could not be opened or is not a valid graph. */
    VISION_MODEL_LOAD,
    /** The graph's inputs or outputs do not have the expected names or shapes. */
    VISION_MODEL_SHAPE,
    /** ONNX Runtime failed while running the graph. */
    VISION_INFERENCE
  }

  private final Code code;

  /**
   * Creates an exception.
   *
   * @param code stable code
   * @param message sentence for the user
   * @param cause underlying failure, or {@code null}
   */
  public VisionEncoderException(Code code, String message, Throwable cause) {
    super(code + ": " + message, cause);
    this.code = code;
  }

  /** Returns the stable error code. */
  public Code code() {
    return code;
  }
}
