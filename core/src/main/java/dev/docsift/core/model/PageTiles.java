package dev.docsift.core.model;

import java.util.List;
import java.util.Objects;

/**
 * The tiles a vision engine cut one page into and which of them it encoded, so that a person can
 * see what the model looked at. Tiles are numbered from 0 row by row; when the page has a thumbnail
 * (a grid of more than one tile), it is the last, number {@code cols · rows}.
 *
 * @param page the page, from 1
 * @param cols the grid's columns
 * @param rows the grid's rows
 * @param thumbnail whether a thumbnail of the whole page followed the grid
 * @param encoded the numbers of the tiles the encoder read, ascending; the others were left out as
 *     blank
 * @param region the part of the page the grid and thumbnail cover, as fractions of the page: the
 *     whole page, or the words and a margin when the engine left out the paper around them
 */
public record PageTiles(
    int page, int cols, int rows, boolean thumbnail, List<Integer> encoded, BBox region) {
  /** Validates and copies. */
  public PageTiles {
    if (page < 1 || cols < 1 || rows < 1) {
      throw new IllegalArgumentException(
          "page, cols and rows must be positive: " + page + ", " + cols + ", " + rows);
    }
    encoded = List.copyOf(encoded);
    Objects.requireNonNull(region, "region");
  }

  /** The tiles of a whole page. */
  public PageTiles(int page, int cols, int rows, boolean thumbnail, List<Integer> encoded) {
    this(page, cols, rows, thumbnail, encoded, BBox.WHOLE_PAGE);
  }

  /** How many tiles the page was cut into, the thumbnail included. */
  public int tileCount() {
    return cols * rows + (thumbnail ? 1 : 0);
  }

  /**
   * Whether the encoder read a tile.
   *
   * @param index the tile's number, from 0
   * @return true when it was encoded
   */
  public boolean isEncoded(int index) {
    return encoded.contains(index);
  }
}
