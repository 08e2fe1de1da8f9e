package dev.docsift.core.pipeline;

/**
 * Wall time spent in each stage of one document, in milliseconds.
 *
 * @param render rendering or decoding pages
 * @param ocr orientation, deskew and recognition
 * @param extract filling and validating the schema
 */
public record StageTimings(long render, long ocr, long extract) {
  /** The sum of the stages. */
  public long total() {
    return render + ocr + extract;
  }
}
