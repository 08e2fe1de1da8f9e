package dev.docsift.slm.decoder;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/** ONNX Runtime's graph optimisation level. */
public enum OptimizationLevel {
  /** No rewriting: for debugging numerics. */
  NONE(OptLevel.NO_OPT),
  /** Constant folding and redundant node removal. */
  BASIC(OptLevel.BASIC_OPT),
  /** Basic plus operator fusions (attention, layer norm, GELU). */
  EXTENDED(OptLevel.EXTENDED_OPT),
  /** Everything, including layout changes. */
  ALL(OptLevel.ALL_OPT);

  private final OptLevel ort;

  OptimizationLevel(OptLevel ort) {
    this.ort = ort;
  }

  OptLevel ort() {
    return ort;
  }
}
