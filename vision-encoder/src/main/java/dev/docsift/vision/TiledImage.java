package dev.docsift.vision;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A page cut into normalised tiles, ready to be the vision encoder's {@code pixel_values}.
 *
 * <p>Without MSAC the tiles are {@code grid}'s cells, row by row, then the thumbnail if any. With
 * H2OVL's multi-scale adaptive cropping ({@code secondGrid} set) they are {@code secondGrid}'s
 * cells, then {@code grid}'s, each row by row and each only when that grid has more than one cell,
 * then the thumbnail, always.
 *
 * @param grid the grid the page was resized to (MSAC: the first pass's)
 * @param tileSize side of a tile in pixels
 * @param hasThumbnail whether the last tile is a thumbnail of the whole page; true with MSAC
 * @param pixels {@code (tiles, 3, tileSize, tileSize)} normalised values, channels R, G, B; not
 *     copied (it is large), so callers must not modify it
 * @param secondGrid MSAC's second grid, whose tiles come first; null without MSAC
 */
public record TiledImage(
    TileGrid grid, int tileSize, boolean hasThumbnail, float[] pixels, TileGrid secondGrid) {

  /**
   * Validates the shape.
   *
   * @throws IllegalArgumentException when {@code pixels} does not hold exactly the tiles, or an
   *     MSAC tiling has no thumbnail
   */
  public TiledImage {
    if (secondGrid != null && !hasThumbnail) {
      throw new IllegalArgumentException("a multi-scale tiling ends with a thumbnail");
    }
    int tiles =
        secondGrid == null
            ? grid.tiles() + (hasThumbnail ? 1 : 0)
            : TilingPolicy.msacOutputTiles(grid, secondGrid);
    int expected = tiles * 3 * tileSize * tileSize;
    if (pixels.length != expected) {
      throw new IllegalArgumentException(
          "pixels has " + pixels.length + " values, expected " + expected);
    }
  }

  /** A tiling on one grid (no MSAC). */
  public TiledImage(TileGrid grid, int tileSize, boolean hasThumbnail, float[] pixels) {
    this(grid, tileSize, hasThumbnail, pixels, null);
  }

  /** Returns the number of tiles, thumbnail included. */
  public int tileCount() {
    return secondGrid == null
        ? grid.tiles() + (hasThumbnail ? 1 : 0)
        : TilingPolicy.msacOutputTiles(grid, secondGrid);
  }

  /** Returns how many of the first tiles are {@code secondGrid}'s cells: 0 without MSAC. */
  public int secondGridTiles() {
    return secondGrid == null ? 0 : TilingPolicy.kept(secondGrid);
  }

  /** Returns how many tiles, after {@link #secondGridTiles()}, are {@code grid}'s cells. */
  public int gridTiles() {
    return secondGrid == null ? grid.tiles() : TilingPolicy.kept(grid);
  }

  /** Returns the tensor shape {@code [tiles, 3, tileSize, tileSize]}. */
  public long[] shape() {
    return new long[] {tileCount(), 3, tileSize, tileSize};
  }

  /**
   * Returns a copy of one tile, {@code (3, tileSize, tileSize)}.
   *
   * @param index 0 to {@code tileCount() - 1}; the thumbnail, when present, is last
   * @throws IndexOutOfBoundsException when {@code index} is out of range
   */
  public float[] tile(int index) {
    int size = 3 * tileSize * tileSize;
    java.util.Objects.checkIndex(index, tileCount());
    return Arrays.copyOfRange(pixels, index * size, (index + 1) * size);
  }

  /**
   * Returns the part of the page a tile shows.
   *
   * @param index 0 to {@code tileCount() - 1}; the thumbnail, when present, is last
   * @return its region, the whole page for the thumbnail
   * @throws IndexOutOfBoundsException when {@code index} is out of range
   */
  public TileRegion region(int index) {
    java.util.Objects.checkIndex(index, tileCount());
    int second = secondGridTiles();
    if (index < second) {
      return TileRegion.cell(secondGrid, index);
    }
    int cell = index - second;
    return cell < gridTiles() ? TileRegion.cell(grid, cell) : TileRegion.WHOLE_PAGE;
  }

  /**
   * Returns the pixels of some tiles, in the order given, as one {@code (count, 3, tileSize,
   * tileSize)} array.
   *
   * @param indices tiles to take, each 0 to {@code tileCount() - 1}
   * @return a new array
   * @throws IndexOutOfBoundsException when an index is out of range
   */
  public float[] pixelsOf(int[] indices) {
    int size = 3 * tileSize * tileSize;
    float[] out = new float[indices.length * size];
    for (int i = 0; i < indices.length; i++) {
      java.util.Objects.checkIndex(indices[i], tileCount());
      System.arraycopy(pixels, indices[i] * size, out, i * size, size);
    }
    return out;
  }

  /** Returns a read-only view of all pixels, for an ONNX Runtime tensor. */
  public FloatBuffer asBuffer() {
    return FloatBuffer.wrap(pixels).asReadOnlyBuffer();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TiledImage other
        && grid.equals(other.grid)
        && tileSize == other.tileSize
        && hasThumbnail == other.hasThumbnail
        && java.util.Objects.equals(secondGrid, other.secondGrid)
        && Arrays.equals(pixels, other.pixels);
  }

  @Override
  public int hashCode() {
    return grid.hashCode() * 31 + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "TiledImage[grid="
        + grid
        + (secondGrid == null ? "" : ", secondGrid=" + secondGrid)
        + ", tileSize="
        + tileSize
        + ", tiles="
        + tileCount()
        + "]";
  }
}
