package dev.docsift.app.pages;

import dev.docsift.vision.TileGrid;
import dev.docsift.vision.TilingPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the slm engine's tiles fall on a page, for the tiles overlay. InternVL's dynamic tiling
 * resizes the page to {@code 448·cols × 448·rows} (no padding) and cuts it into a grid, so each
 * tile covers {@code 1/cols × 1/rows} of the original page.
 */
public final class TileCells {
  private TileCells() {}

  /**
   * One tile as fractions of the page, origin top left.
   *
   * @param col 0-based column
   * @param row 0-based row
   * @param x0 left edge
   * @param y0 top edge
   * @param x1 right edge
   * @param y1 bottom edge
   */
  public record Cell(int col, int row, double x0, double y0, double x1, double y1) {
    /** The tile's number as the encoder sees it: row by row, from 1. */
    public int number(int cols) {
      return row * cols + col + 1;
    }
  }

  /**
   * The grid a page is cut into.
   *
   * @param policy the tiling settings
   * @param width the page's width in pixels at the engine's resolution
   * @param height its height in pixels
   * @return the grid
   */
  public static TileGrid grid(TilingPolicy policy, int width, int height) {
    return policy.chooseGrid(width, height);
  }

  /**
   * The tiles of a page, row by row. The thumbnail the engine adds for grids of more than one tile
   * covers the whole page and is not drawn.
   *
   * @param policy the tiling settings
   * @param width the page's width in pixels at the engine's resolution
   * @param height its height in pixels
   * @return the cells
   */
  public static List<Cell> cells(TilingPolicy policy, int width, int height) {
    return cells(grid(policy, width, height));
  }

  /**
   * The tiles of a grid, row by row.
   *
   * @param grid the grid the page was cut into
   * @return the cells
   */
  public static List<Cell> cells(TileGrid grid) {
    List<Cell> cells = new ArrayList<>();
    for (int r = 0; r < grid.rows(); r++) {
      for (int c = 0; c < grid.cols(); c++) {
        cells.add(
            new Cell(
                c,
                r,
                (double) c / grid.cols(),
                (double) r / grid.rows(),
                (double) (c + 1) / grid.cols(),
                (double) (r + 1) / grid.rows()));
      }
    }
    return cells;
  }
}
