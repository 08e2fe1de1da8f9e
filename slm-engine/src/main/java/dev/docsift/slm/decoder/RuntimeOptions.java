package dev.docsift.slm.decoder;

import java.util.Objects;

/**
 * How ONNX Runtime sessions are set up.
 *
 * @param provider where to run; falls back to the CPU, with a warning, where unavailable
 * @param intraOpThreads threads inside one operator; 0 for one per processor available to the JVM
 * @param interOpThreads threads across independent operators; 0 lets ONNX Runtime choose
 * @param optimizationLevel graph rewriting before the first run
 */
public record RuntimeOptions(
    ExecutionProvider provider,
    int intraOpThreads,
    int interOpThreads,
    OptimizationLevel optimizationLevel) {

  /** Validates. */
  public RuntimeOptions {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(optimizationLevel, "optimizationLevel");
    if (intraOpThreads < 0 || interOpThreads < 0) {
      throw new IllegalArgumentException("thread counts must be 0 (automatic) or more");
    }
  }

  /** Automatic provider, one intra-op thread per processor, all optimisations. */
  public static RuntimeOptions defaults() {
    return new RuntimeOptions(ExecutionProvider.AUTO, 0, 0, OptimizationLevel.ALL);
  }

  /** The CPU, one intra-op thread per processor, all optimisations. */
  public static RuntimeOptions cpu() {
    return new RuntimeOptions(ExecutionProvider.CPU, 0, 0, OptimizationLevel.ALL);
  }

  /** A copy with another provider. */
  public RuntimeOptions withProvider(ExecutionProvider p) {
    return new RuntimeOptions(p, intraOpThreads, interOpThreads, optimizationLevel);
  }

  /** A copy with other thread counts. */
  public RuntimeOptions withThreads(int intraOp, int interOp) {
    return new RuntimeOptions(provider, intraOp, interOp, optimizationLevel);
  }
}
