package dev.docsift.core.pipeline;

import dev.docsift.core.engine.EngineChoice;
import dev.docsift.core.intake.IntakeOptions;
import dev.docsift.core.ocr.OcrOptions;
import java.util.Objects;

/**
 * Settings of a pipeline.
 *
 * @param intake how documents are opened and rendered
 * @param ocr how pages are read
 * @param threads how many documents are processed at once
 * @param engine which engine writes the data
 */
public record PipelineConfig(
    IntakeOptions intake, OcrOptions ocr, int threads, EngineChoice engine) {
  /** Validates. */
  public PipelineConfig {
    Objects.requireNonNull(intake, "intake");
    Objects.requireNonNull(ocr, "ocr");
    Objects.requireNonNull(engine, "engine");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
  }

  /**
   * Settings on the embedded OCR engine.
   *
   * @param intake how documents are opened and rendered
   * @param ocr how pages are read
   * @param threads how many documents are processed at once
   */
  public PipelineConfig(IntakeOptions intake, OcrOptions ocr, int threads) {
    this(intake, ocr, threads, EngineChoice.OCR);
  }

  /** A copy on another engine. */
  public PipelineConfig withEngine(EngineChoice newEngine) {
    return new PipelineConfig(intake, ocr, threads, newEngine);
  }

  /** Defaults: 300 dpi, English, one thread per core. */
  public static PipelineConfig defaults() {
    return new PipelineConfig(
        IntakeOptions.defaults(),
        OcrOptions.defaults(),
        Runtime.getRuntime().availableProcessors());
  }
}
