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
 * @param msac H2OVL's multi-scale adaptive cropping ({@code use_msac}, H2OVL-Mississippi-2B): the
 *     page is tiled twice, on the usual grid ({@link #chooseGrid}) and on a second one ({@link
 *     #chooseSecondGrid}); requires {@code minTiles == 1} and {@code thumbnail}, which both passes
 *     use whatever the settings say
 */
public record TilingPolicy(
    int tileSize, int minTiles, int maxTiles, boolean thumbnail, boolean msac) {

  /** H2OVL-Mississippi-0.8B: 448-pixel tiles, 1 to 6 of them, plus a thumbnail: at most 7. */
  public static final TilingPolicy MISSISSIPPI_0_8B = new TilingPolicy(448, 1, 6, true);

  /** The fewest tiles MSAC's second grid may have ({@code min_num=3} in H2OVL's second pass). */
  public static final int MSAC_SECOND_MIN_TILES = 3;

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException when a size or count is out of range, or MSAC is asked for
   *     with {@code minTiles > 1} or without a thumbnail
   */
  public TilingPolicy {
    if (tileSize < 1) {
      throw new IllegalArgumentException("tileSize must be positive, got " + tileSize);
    }
    if (minTiles < 1 || maxTiles < minTiles) {
      throw new IllegalArgumentException(
          "need 1 <= minTiles <= maxTiles, got " + minTiles + ".." + maxTiles);
    }
    if (msac && (minTiles != 1 || !thumbnail)) {
      throw new IllegalArgumentException(
          "multi-scale adaptive cropping tiles from 1 tile and with a thumbnail, got minTiles "
              + minTiles
              + ", thumbnail "
              + thumbnail);
    }
  }

  /** Settings without multi-scale adaptive cropping. */
  public TilingPolicy(int tileSize, int minTiles, int maxTiles, boolean thumbnail) {
    this(tileSize, minTiles, maxTiles, thumbnail, false);
  }

  /**
   * Returns the most tiles {@link Tiler} can produce for a page: the grid maximum plus a thumbnail;
   * with MSAC, the most that any first grid and a second grid it allows add up to, plus the
   * thumbnail (an upper bound: 13 for 1 to 6 tiles, reached by a 2x3 first grid and a 3x2 second).
   */
  public int maxOutputTiles() {
    if (!msac) {
      return maxTiles + (thumbnail && maxTiles > 1 ? 1 : 0);
    }
    int most = 1;
    for (TileGrid first : candidates()) {
      int second = 0;
      for (TileGrid g : secondCandidates(first)) {
        second = Math.max(second, kept(g));
      }
      most = Math.max(most, kept(first) + second + 1);
    }
    return most;
  }

  /**
   * Returns these settings with at most {@code tiles} tiles in a grid (and no more than that as the
   * fewest): the same choice among the smaller grids, as InternVL's {@code max_num}.
   *
   * @param tiles the most tiles a grid may have, at least 1
   * @return the capped settings, or these when they already allow no more
   * @throws IllegalArgumentException when {@code tiles} is below 1
   */
  public TilingPolicy atMost(int tiles) {
    if (tiles < 1) {
      throw new IllegalArgumentException("tiles must be positive, got " + tiles);
    }
    if (tiles >= maxTiles) {
      return this;
    }
    return new TilingPolicy(tileSize, Math.min(minTiles, tiles), tiles, thumbnail, msac);
  }

  /**
   * Returns how many tiles {@link Tiler} cuts a page of this size into, thumbnail and MSAC's second
   * grid included, without cutting it.
   *
   * @param width page width in pixels, positive
   * @param height page height in pixels, positive
   * @return the page's tile count
   * @throws IllegalArgumentException when a side is not positive
   */
  public int outputTiles(int width, int height) {
    TileGrid grid = chooseGrid(width, height);
    return msac ? msacOutputTiles(grid, chooseSecondGrid(width, height, grid)) : outputTiles(grid);
  }

  /**
   * Returns how many tiles a page tiled on {@code grid} yields, thumbnail included (without MSAC).
   */
  public int outputTiles(TileGrid grid) {
    return grid.tiles() + (thumbnail && grid.tiles() > 1 ? 1 : 0);
  }

  /**
   * Returns how many tiles MSAC yields for a page whose grids are {@code first} and {@code second}:
   * the cells of each grid that has more than one, and the thumbnail (vLLM's {@code num_patches_1 +
   * num_patches_2 - 1}).
   */
  public static int msacOutputTiles(TileGrid first, TileGrid second) {
    return kept(second) + kept(first) + 1;
  }

  /**
   * Returns the cells of one MSAC grid that reach the output: all of them when it has more than
   * one; none for a 1x1 grid, whose single tile is the whole page (H2OVL drops the first pass's and
   * keeps the second pass's as the final, thumbnail, tile).
   */
  static int kept(TileGrid grid) {
    return grid.tiles() > 1 ? grid.tiles() : 0;
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
    return candidates(minTiles, maxTiles);
  }

  /**
   * Returns MSAC's second-pass candidates: the grids of {@link #MSAC_SECOND_MIN_TILES} to {@code
   * maxTiles} tiles whose column count does not divide {@code first}'s columns and whose row count
   * does not divide its rows, in {@link #candidates()} order (vLLM's {@code
   * get_h2ovl_target_ratios} with a {@code prior_aspect_ratio}). May be empty.
   */
  public List<TileGrid> secondCandidates(TileGrid first) {
    List<TileGrid> grids = new ArrayList<>();
    for (TileGrid g : candidates(MSAC_SECOND_MIN_TILES, maxTiles)) {
      if (first.cols() % g.cols() != 0 && first.rows() % g.rows() != 0) {
        grids.add(g);
      }
    }
    return grids;
  }

  private static List<TileGrid> candidates(int minTiles, int maxTiles) {
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
    return closest(width, height, candidates());
  }

  /**
   * Chooses MSAC's second grid for a page: the nearest of {@link #secondCandidates} by the rule of
   * {@link #chooseGrid}, or 1x1 when there is none (the original's initial best).
   *
   * @param width page width in pixels, positive
   * @param height page height in pixels, positive
   * @param first the page's first grid, {@link #chooseGrid}
   * @return the second grid
   * @throws IllegalArgumentException when a side is not positive
   */
  public TileGrid chooseSecondGrid(int width, int height, TileGrid first) {
    return closest(width, height, secondCandidates(first));
  }

  private TileGrid closest(int width, int height, List<TileGrid> candidates) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("image must be non-empty, got " + width + "x" + height);
    }
    // Doubles throughout, as Python's floats: an exact tie (page ratio 2.5 lies exactly between
    // 2/1 and 3/1) must compare equal here just as it does in the original.
    double aspectRatio = (double) width / height;
    double area = (double) width * height;
    double bestDiff = Double.POSITIVE_INFINITY;
    TileGrid best = new TileGrid(1, 1);
    for (TileGrid grid : candidates) {
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
