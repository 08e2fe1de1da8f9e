package dev.docsift.slm.decoder;

import java.util.Objects;

/**
 * How ONNX Runtime sessions are set up.
 *
 * @param provider where to run; falls back to the CPU, with a warning, where unavailable
 * @param intraOpThreads threads inside one operator; 0 for one per processor available to the JVM
 * @param interOpThreads threads across independent operators; 0 lets ONNX Runtime choose
 * @param optimizationLevel graph rewriting before the first run
 * @param memoryPattern whether ONNX Runtime plans one block for all of a run's intermediate tensors
 *     (its memory pattern), held in its arena between runs; without, each tensor is taken from the
 *     arena on its own
 */
public record RuntimeOptions(
    ExecutionProvider provider,
    int intraOpThreads,
    int interOpThreads,
    OptimizationLevel optimizationLevel,
    boolean memoryPattern) {

  /** Validates. */
  public RuntimeOptions {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(optimizationLevel, "optimizationLevel");
    if (intraOpThreads < 0 || interOpThreads < 0) {
      throw new IllegalArgumentException("thread counts must be 0 (automatic) or more");
    }
  }

  /** Automatic provider, one intra-op thread per processor, all optimisations, memory pattern. */
  public static RuntimeOptions defaults() {
    return new RuntimeOptions(ExecutionProvider.AUTO, 0, 0, OptimizationLevel.ALL, true);
  }

  /** The CPU, one intra-op thread per processor, all optimisations, memory pattern. */
  public static RuntimeOptions cpu() {
    return new RuntimeOptions(ExecutionProvider.CPU, 0, 0, OptimizationLevel.ALL, true);
  }

  /** A copy with another provider. */
  public RuntimeOptions withProvider(ExecutionProvider p) {
    return new RuntimeOptions(p, intraOpThreads, interOpThreads, optimizationLevel, memoryPattern);
  }

  /** A copy with other thread counts. */
  public RuntimeOptions withThreads(int intraOp, int interOp) {
    return new RuntimeOptions(provider, intraOp, interOp, optimizationLevel, memoryPattern);
  }

  /** A copy with or without ONNX Runtime's memory pattern. */
  public RuntimeOptions withMemoryPattern(boolean on) {
    return new RuntimeOptions(provider, intraOpThreads, interOpThreads, optimizationLevel, on);
  }
}
