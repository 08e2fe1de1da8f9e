package dev.docsift.vision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * InternVL's dynamic tiling settings ({@code dynamic_preprocess}) and its pure grid choice.
 *
 * @param tileSize side of a square tile in pixels (448 for InternViT-300M-448px)
 * @param minTiles fewest tiles a grid may have, at least 1
 * @param maxTiles most tiles a grid may have, at least {@code minTiles}
 * @param thumbnail whether a {@code tileSize}² thumbnail of the whole page is appended when the
 *     grid has more than one tile
 */
public record TilingPolicy(int tileSize, int minTiles, int maxTiles, boolean thumbnail) {

  /** H2OVL-Mississippi-0.8B: 448-pixel tiles, 1 to 6 of them, plus a thumbnail: at most 7. */
  public static final TilingPolicy MISSISSIPPI_0_8B = new TilingPolicy(448, 1, 6, true);

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException when a size or count is out of range
   */
  public TilingPolicy {
    if (tileSize < 1) {
      throw new IllegalArgumentException("tileSize must be positive, got " + tileSize);
    }
    if (minTiles < 1 || maxTiles < minTiles) {
      throw new IllegalArgumentException(
          "need 1 <= minTiles <= maxTiles, got " + minTiles + ".." + maxTiles);
    }
  }

  /**
   * Returns the most tiles {@link Tiler} can produce for a page: the grid maximum plus a thumbnail.
   */
  public int maxOutputTiles() {
    return maxTiles + (thumbnail && maxTiles > 1 ? 1 : 0);
  }

  /** Returns how many tiles a page tiled on {@code grid} yields, thumbnail included. */
  public int outputTiles(TileGrid grid) {
    return grid.tiles() + (thumbnail && grid.tiles() > 1 ? 1 : 0);
  }

  /**
   * Returns every candidate grid with {@code minTiles <= cols*rows <= maxTiles}, in the order
   * InternVL visits them: by tile count, then by columns.
   *
   * <p>InternVL sorts a Python {@code set} by tile count only, so within one tile count its order
   * is the set's hash order. That order can only matter when two grids with the same tile count are
   * equally far from the page's aspect ratio <em>and</em> no other grid is nearer, which does not
   * happen for the shipped settings (checked against the original by the golden tests).
   */
  public List<TileGrid> candidates() {
    List<TileGrid> grids = new ArrayList<>();
    for (int cols = 1; cols <= maxTiles; cols++) {
      for (int rows = 1; cols * rows <= maxTiles; rows++) {
        if (cols * rows >= minTiles) {
          grids.add(new TileGrid(cols, rows));
        }
      }
    }
    grids.sort(Comparator.comparingInt(TileGrid::tiles).thenComparingInt(TileGrid::cols));
    return grids;
  }

  /**
   * Chooses the grid for a page, as InternVL's {@code find_closest_aspect_ratio}: the candidate
   * whose {@code cols/rows} is nearest to {@code width/height}; on an exact tie a later (larger)
   * candidate replaces the current one only when the page's area exceeds half of the larger grid's
   * area in pixels.
   *
   * @param width page width in pixels, positive
   * @param height page height in pixels, positive
   * @return the chosen grid
   * @throws IllegalArgumentException when a side is not positive
   */
  public TileGrid chooseGrid(int width, int height) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("image must be non-empty, got " + width + "x" + height);
    }
    // Doubles throughout, as Python's floats: an exact tie (page ratio 2.5 lies exactly between
    // 2/1 and 3/1) must compare equal here just as it does in the original.
    double aspectRatio = (double) width / height;
    double area = (double) width * height;
    double bestDiff = Double.POSITIVE_INFINITY;
    TileGrid best = new TileGrid(1, 1);
    for (TileGrid grid : candidates()) {
      double diff = Math.abs(aspectRatio - grid.aspectRatio());
      if (diff < bestDiff) {
        bestDiff = diff;
        best = grid;
      } else if (diff == bestDiff
          // Strict '>' and 0.5 * tile² * i * j, as the original: an image of exactly half the
          // grid's area keeps the smaller grid.
          && area > 0.5 * tileSize * tileSize * grid.cols() * grid.rows()) {
        best = grid;
      }
    }
    return best;
  }
}
