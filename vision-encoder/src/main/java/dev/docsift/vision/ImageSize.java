package dev.docsift.vision;

/**
 * A width and height in pixels.
 *
 * @param width width, at least 1
 * @param height height, at least 1
 */
public record ImageSize(int width, int height) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException when a side is below 1
   */
  public ImageSize {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("size must be at least 1x1, got " + width + "x" + height);
    }
  }
}
