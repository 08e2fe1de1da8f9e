package dev.docsift.core.intake;

/**
 * How documents are opened.
 *
 * @param dpi the resolution PDF pages are rendered at (36 to 1200; 300 suits OCR)
 * @param password the password of an encrypted PDF, or {@code null} for none
 * @param maxPixels the most pixels one page may have; larger pages are refused before they are
 *     decoded or rendered, so a hostile or absurd file cannot exhaust memory
 */
public record IntakeOptions(int dpi, String password, long maxPixels) {
  /** The resolution used when none is given. */
  public static final int DEFAULT_DPI = 300;

  /** The page-size limit used when none is given: 200 megapixels, about A0 at 600 dpi. */
  public static final long DEFAULT_MAX_PIXELS = 200_000_000L;

  /** Validates. */
  public IntakeOptions {
    if (dpi < 36 || dpi > 1200) {
      throw new IllegalArgumentException("dpi must be between 36 and 1200: " + dpi);
    }
    // A Java image holds at most Integer.MAX_VALUE pixels, whatever the caller allows.
    if (maxPixels < 1 || maxPixels > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "maxPixels must be between 1 and " + Integer.MAX_VALUE + ": " + maxPixels);
    }
  }

  /** 300 dpi, no password, 200 megapixels a page at most. */
  public static IntakeOptions defaults() {
    return new IntakeOptions(DEFAULT_DPI, null, DEFAULT_MAX_PIXELS);
  }

  /** These options with another password. */
  public IntakeOptions withPassword(String newPassword) {
    return new IntakeOptions(dpi, newPassword, maxPixels);
  }

  /** These options with another resolution. */
  public IntakeOptions withDpi(int newDpi) {
    return new IntakeOptions(newDpi, password, maxPixels);
  }

  /** These options with another page-size limit. */
  public IntakeOptions withMaxPixels(long newMaxPixels) {
    return new IntakeOptions(dpi, password, newMaxPixels);
  }

  /** Hides the password, which must never reach a log. */
  @Override
  public String toString() {
    return "IntakeOptions[dpi="
        + dpi
        + ", password="
        + (password == null ? "none" : "***")
        + ", maxPixels="
        + maxPixels
        + "]";
  }
}
