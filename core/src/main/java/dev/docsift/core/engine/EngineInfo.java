package dev.docsift.core.engine;

import java.util.Objects;

/**
 * Which engine made a result.
 *
 * @param name {@code ocr} or {@code slm}
 * @param model the model pack, or null for the OCR engine
 * @param executionProvider where the work ran, such as {@code cpu}
 */
public record EngineInfo(String name, String model, String executionProvider) {
  /** The embedded OCR engine on the CPU. */
  public static final EngineInfo OCR = new EngineInfo("ocr", null, "cpu");

  /** Validates. */
  public EngineInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(executionProvider, "executionProvider");
  }
}
