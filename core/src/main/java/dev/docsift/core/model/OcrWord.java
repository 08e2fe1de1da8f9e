package dev.docsift.core.model;

import java.util.Objects;

/**
 * A word Tesseract read.
 *
 * @param text the word
 * @param box where it is on the (orientation-corrected) page, in pixels
 * @param confidence Tesseract's confidence as a fraction, 0 to 1
 */
public record OcrWord(String text, Box box, double confidence) {
  /** Validates. */
  public OcrWord {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(box, "box");
  }
}
