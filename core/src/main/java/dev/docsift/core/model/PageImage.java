package dev.docsift.core.model;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * One page as pixels.
 *
 * @param number the 1-based page number
 * @param image the pixels; grey or RGB
 * @param dpi the resolution the page was rendered or scanned at (72 when unknown)
 */
public record PageImage(int number, BufferedImage image, int dpi) {
  /** Validates. */
  public PageImage {
    if (number < 1) {
      throw new IllegalArgumentException("page numbers start at 1: " + number);
    }
    Objects.requireNonNull(image, "image");
  }

  /** Width in pixels. */
  public int width() {
    return image.getWidth();
  }

  /** Height in pixels. */
  public int height() {
    return image.getHeight();
  }
}
