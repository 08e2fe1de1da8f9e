package dev.docsift.samples;

/**
 * How much a generated page looks like a scan. Each document draws its own values from these ranges
 * with its seed, so one setting still gives varied pages.
 *
 * @param minDpi the lowest resolution a page is drawn at
 * @param maxDpi the highest resolution a page is drawn at
 * @param maxSkewDegrees the largest rotation either way; small rotations are more likely
 * @param maxBlur the strongest blur, 0 (none) to 1 (a full 3×3 binomial blur)
 * @param maxNoise the largest noise, as a standard deviation in grey levels
 * @param minJpegQuality the lowest JPEG quality (percent) the page is round-tripped at; 0 with
 *     maxJpegQuality 0 for no round trip
 * @param maxJpegQuality the highest JPEG quality (percent)
 * @param tinted whether the paper may be off-white and the ink less than black
 * @param pdfJpegQuality the JPEG quality (0 to 1) of the image embedded in a PDF; 0 embeds it
 *     losslessly
 */
public record Degradation(
    int minDpi,
    int maxDpi,
    double maxSkewDegrees,
    double maxBlur,
    double maxNoise,
    int minJpegQuality,
    int maxJpegQuality,
    boolean tinted,
    float pdfJpegQuality) {

  /** A perfect print at 300 dpi, embedded losslessly: the upper bound for accuracy. */
  public static final Degradation CLEAN = new Degradation(300, 300, 0, 0, 0, 0, 0, false, 0f);

  /**
   * A typical office scan: 150–300 dpi, up to ±3° of skew, mild blur and noise, JPEG at 60–90%,
   * embedded as JPEG.
   */
  public static final Degradation SCANNED =
      new Degradation(150, 300, 3.0, 0.6, 4.0, 60, 90, true, 0.75f);

  /**
   * Checks the ranges.
   *
   * @throws IllegalArgumentException when a range is empty or out of bounds
   */
  public Degradation {
    if (minDpi < 50 || maxDpi > 1200 || minDpi > maxDpi) {
      throw new IllegalArgumentException(
          "dpi range must lie in 50..1200: " + minDpi + ".." + maxDpi);
    }
    if (maxSkewDegrees < 0 || maxSkewDegrees > 45) {
      throw new IllegalArgumentException("maxSkewDegrees must be in 0..45: " + maxSkewDegrees);
    }
    if (maxBlur < 0 || maxBlur > 1) {
      throw new IllegalArgumentException("maxBlur must be in 0..1: " + maxBlur);
    }
    if (maxNoise < 0 || maxNoise > 64) {
      throw new IllegalArgumentException("maxNoise must be in 0..64: " + maxNoise);
    }
    boolean noJpeg = minJpegQuality == 0 && maxJpegQuality == 0;
    if (!noJpeg
        && (minJpegQuality < 1 || maxJpegQuality > 100 || minJpegQuality > maxJpegQuality)) {
      throw new IllegalArgumentException(
          "JPEG quality range must lie in 1..100: " + minJpegQuality + ".." + maxJpegQuality);
    }
    if (pdfJpegQuality < 0 || pdfJpegQuality > 1) {
      throw new IllegalArgumentException("pdfJpegQuality must be in 0..1: " + pdfJpegQuality);
    }
  }

  /**
   * This setting drawn at one fixed resolution.
   *
   * @param dpi the resolution, 50 to 1200
   * @return a copy with minDpi and maxDpi both dpi
   * @throws IllegalArgumentException when dpi is out of range
   */
  public Degradation atDpi(int dpi) {
    return new Degradation(
        dpi,
        dpi,
        maxSkewDegrees,
        maxBlur,
        maxNoise,
        minJpegQuality,
        maxJpegQuality,
        tinted,
        pdfJpegQuality);
  }

  /** Whether pages are round-tripped through JPEG before they are returned. */
  boolean jpegRoundTrip() {
    return maxJpegQuality > 0;
  }
}
