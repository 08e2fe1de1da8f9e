package dev.docsift.vision;

/**
 * The part of the page a tile shows, as fractions of the page's width and height, origin top left.
 * A grid tile covers one cell of the page (the page is resized to the grid, so cells are equal
 * fractions); the thumbnail covers the whole page.
 *
 * @param x0 left edge, 0 to 1
 * @param y0 top edge, 0 to 1
 * @param x1 right edge, {@code x0} to 1
 * @param y1 bottom edge, {@code y0} to 1
 */
public record TileRegion(double x0, double y0, double x1, double y1) {
  /** The whole page: what a thumbnail shows. */
  public static final TileRegion WHOLE_PAGE = new TileRegion(0, 0, 1, 1);

  /**
   * Validates.
   *
   * @throws IllegalArgumentException when the edges are not ordered fractions
   */
  public TileRegion {
    if (!(0 <= x0 && x0 <= x1 && x1 <= 1 && 0 <= y0 && y0 <= y1 && y1 <= 1)) {
      throw new IllegalArgumentException(
          "not a region of the page: " + x0 + "," + y0 + "," + x1 + "," + y1);
    }
  }

  /**
   * Returns the cell of a grid.
   *
   * @param grid the grid
   * @param index the tile's index, row by row
   * @return the cell's region
   */
  public static TileRegion cell(TileGrid grid, int index) {
    java.util.Objects.checkIndex(index, grid.tiles());
    int col = index % grid.cols();
    int row = index / grid.cols();
    return new TileRegion(
        (double) col / grid.cols(),
        (double) row / grid.rows(),
        (double) (col + 1) / grid.cols(),
        (double) (row + 1) / grid.rows());
  }

  /** Whether this region and a box given in the same fractions overlap by more than an edge. */
  public boolean overlaps(double bx0, double by0, double bx1, double by1) {
    return bx0 < x1 && x0 < bx1 && by0 < y1 && y0 < by1;
  }
}
