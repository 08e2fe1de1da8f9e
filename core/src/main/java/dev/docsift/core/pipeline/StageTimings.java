package dev.docsift.core.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time spent in each stage of one document, in milliseconds.
 *
 * @param render rendering or decoding pages
 * @param ocr orientation, deskew and recognition
 * @param extract the engine: filling and validating the schema (for the slm engine, everything from
 *     tiling to the grounded result)
 * @param engineStages the engine's own stages inside {@code extract}, in order ({@code tiling},
 *     {@code encode}, {@code prefill}, {@code decode}, {@code ground}); empty for the OCR engine
 * @param engineCounts sizes of the engine's work ({@code tiles}, {@code tiles_encoded}, {@code
 *     prompt_tokens}, {@code generated_tokens}); empty for the OCR engine
 */
public record StageTimings(
    long render,
    long ocr,
    long extract,
    Map<String, Long> engineStages,
    Map<String, Long> engineCounts) {
  /** Copies, keeping the order. */
  public StageTimings {
    engineStages = Collections.unmodifiableMap(new LinkedHashMap<>(engineStages));
    engineCounts = Collections.unmodifiableMap(new LinkedHashMap<>(engineCounts));
  }

  /**
   * Timings without engine stages.
   *
   * @param render rendering or decoding pages
   * @param ocr recognition
   * @param extract the engine
   */
  public StageTimings(long render, long ocr, long extract) {
    this(render, ocr, extract, Map.of(), Map.of());
  }

  /** The sum of the stages. */
  public long total() {
    return render + ocr + extract;
  }
}
