package dev.docsift.slm.decoder;

import java.util.Locale;

/** Where ONNX Runtime runs the graphs ({@code --ep}). */
public enum ExecutionProvider {
  /** CoreML on macOS arm64, DirectML on Windows, else the CPU. */
  AUTO,
  /** ONNX Runtime's own CPU kernels: present in every build. */
  CPU,
  /** Apple's CoreML: inside the macOS arm64 library of the Maven Central jar. */
  COREML,
  /** DirectML on Windows: needs an ONNX Runtime built with it. */
  DIRECTML,
  /** NVIDIA CUDA: needs the {@code onnxruntime_gpu} artifact and a CUDA install. */
  CUDA;

  /** The lower-case name used on the command line and in results, such as {@code coreml}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a command-line name.
   *
   * @param name {@code auto}, {@code cpu}, {@code coreml}, {@code directml} or {@code cuda}, in any
   *     case
   * @return the provider
   * @throws IllegalArgumentException for any other name
   */
  public static ExecutionProvider parse(String name) {
    for (ExecutionProvider p : values()) {
      if (p.id().equalsIgnoreCase(name.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown execution provider '" + name + "' (auto, cpu, coreml, directml, cuda)");
  }
}
