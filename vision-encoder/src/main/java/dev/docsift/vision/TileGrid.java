package dev.docsift.vision;

/**
 * A grid of tiles the page is resized to before cropping: {@code cols} tiles across, {@code rows}
 * tiles down.
 *
 * @param cols tiles across, at least 1
 * @param rows tiles down, at least 1
 */
public record TileGrid(int cols, int rows) {

  /**
   * Validates the grid.
   *
   * @throws IllegalArgumentException when either side is below 1
   */
  public TileGrid {
    if (cols < 1 || rows < 1) {
      throw new IllegalArgumentException("grid must be at least 1x1, got " + cols + "x" + rows);
    }
  }

  /** Returns the number of tiles in the grid, {@code cols * rows} (the thumbnail not counted). */
  public int tiles() {
    return cols * rows;
  }

  /** Returns the grid's aspect ratio, {@code cols / rows}, as InternVL computes it. */
  public double aspectRatio() {
    return (double) cols / rows;
  }
}
