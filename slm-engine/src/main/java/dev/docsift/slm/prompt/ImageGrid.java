package dev.docsift.slm.prompt;

/**
 * How an Idefics3 page image was split: {@code rows x cols} tiles plus the global image, or, with
 * {@code rows == cols == 0}, the global image alone.
 *
 * @param rows tiles down
 * @param cols tiles across
 */
public record ImageGrid(int rows, int cols) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException when rows and cols are not both 0 or both positive
   */
  public ImageGrid {
    if (rows < 0 || cols < 0 || (rows == 0) != (cols == 0)) {
      throw new IllegalArgumentException(
          "rows and cols must both be 0 or both positive, got " + rows + "x" + cols);
    }
  }
}
