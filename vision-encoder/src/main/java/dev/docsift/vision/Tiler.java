package dev.docsift.vision;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cuts a page into the vision encoder's input, as InternVL's {@code dynamic_preprocess} followed by
 * its per-tile transform: choose a grid ({@link TilingPolicy#chooseGrid}), resize the whole page to
 * {@code (tileSize*cols) x (tileSize*rows)} with PIL-style bicubic (no padding, so the aspect ratio
 * may change), crop the tiles row by row, append a thumbnail of the whole page when there is more
 * than one tile and the policy asks for it, and normalise each RGB value.
 *
 * <p>With multi-scale adaptive cropping ({@link TilingPolicy#msac()}, H2OVL's {@code
 * image_to_pixel_values_h2ovl} with {@code use_msac}) the page is cut on a second grid as well, and
 * the output is the second grid's tiles, the first grid's, then the thumbnail (see {@link
 * TiledImage}).
 *
 * <p>Stateless and thread-safe; deterministic.
 */
public final class Tiler {

  private final TilingPolicy policy;
  private final PixelNormalization normalization;

  /**
   * Creates a tiler.
   *
   * @param policy grid settings
   * @param normalization per-channel statistics
   */
  public Tiler(TilingPolicy policy, PixelNormalization normalization) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.normalization = Objects.requireNonNull(normalization, "normalization");
  }

  /** Returns a tiler for H2OVL-Mississippi-0.8B: 448-pixel tiles, 1–6 plus thumbnail, ImageNet. */
  public static Tiler mississippi() {
    return new Tiler(TilingPolicy.MISSISSIPPI_0_8B, PixelNormalization.IMAGENET);
  }

  /** Returns the grid settings. */
  public TilingPolicy policy() {
    return policy;
  }

  /** Returns the per-channel statistics. */
  public PixelNormalization normalization() {
    return normalization;
  }

  /**
   * Tiles a page.
   *
   * @param image any image, grey or colour; alpha is ignored
   * @return the tiles, {@code (tiles, 3, tileSize, tileSize)}
   * @throws IllegalArgumentException when the image is empty
   */
  public TiledImage tile(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    TileGrid grid = policy.chooseGrid(image.getWidth(), image.getHeight());
    TileGrid second =
        policy.msac() ? policy.chooseSecondGrid(image.getWidth(), image.getHeight(), grid) : null;
    // The grids whose cells are output, in order; MSAC leaves out a 1x1 grid (its one tile is the
    // whole page, which the thumbnail already is).
    List<TileGrid> grids = new ArrayList<>();
    if (second == null) {
      grids.add(grid);
    } else {
      for (TileGrid g : List.of(second, grid)) {
        if (TilingPolicy.kept(g) > 0) {
          grids.add(g);
        }
      }
    }
    RgbPlanes rgb = RgbPlanes.of(image);
    int s = policy.tileSize();
    boolean thumbnail = second != null || (policy.thumbnail() && grid.tiles() > 1);
    int gridTiles = grids.stream().mapToInt(TileGrid::tiles).sum();
    int plane = s * s;
    float[] out = new float[(gridTiles + (thumbnail ? 1 : 0)) * 3 * plane]; // (tiles, 3, s, s)
    float[][] resized = new float[grids.size()][];
    float[] thumb = null;
    for (int c = 0; c < 3; c++) {
      // A grey page has one plane for all three channels: resize it once.
      boolean same = c > 0 && rgb.planes()[c] == rgb.planes()[c - 1];
      int first = 0; // output index of the current grid's first tile
      for (int k = 0; k < grids.size(); k++) {
        TileGrid g = grids.get(k);
        int resizedW = s * g.cols();
        if (!same) {
          resized[k] =
              BicubicResampler.resize(
                  rgb.planes()[c], rgb.width(), rgb.height(), resizedW, s * g.rows());
        }
        // Tile t covers column t % cols and row t / cols: row by row, as the original's crop boxes.
        for (int t = 0; t < g.tiles(); t++) {
          int x0 = (t % g.cols()) * s;
          int y0 = (t / g.cols()) * s;
          int base = ((first + t) * 3 + c) * plane;
          for (int y = 0; y < s; y++) {
            int src = (y0 + y) * resizedW + x0;
            int dst = base + y * s;
            for (int x = 0; x < s; x++) {
              out[dst + x] = normalization.apply(c, resized[k][src + x]);
            }
          }
        }
        first += g.tiles();
      }
      if (thumbnail) {
        if (!same) {
          thumb = BicubicResampler.resize(rgb.planes()[c], rgb.width(), rgb.height(), s, s);
        }
        int base = (gridTiles * 3 + c) * plane;
        for (int i = 0; i < plane; i++) {
          out[base + i] = normalization.apply(c, thumb[i]);
        }
      }
    }
    return new TiledImage(grid, s, thumbnail, out, second);
  }

  /**
   * Measures how much of each tile is ink: the share of its pixels whose luminance (Rec. 601, on
   * the un-normalised values) is below {@code darkBelow}. A blank stretch of paper measures near 0
   * even when it is noisy or tinted; a line of small print measures about 0.5 to 1 %.
   *
   * @param tiles tiles this tiler made
   * @param darkBelow luminance threshold, in (0, 1)
   * @return one fraction from 0 to 1 per tile, the thumbnail last
   * @throws IllegalArgumentException when the threshold is out of range or the tiles are of another
   *     size
   */
  public double[] inkFractions(TiledImage tiles, double darkBelow) {
    if (!(darkBelow > 0 && darkBelow < 1)) {
      throw new IllegalArgumentException("darkBelow must be in (0, 1): " + darkBelow);
    }
    if (tiles.tileSize() != policy.tileSize()) {
      throw new IllegalArgumentException(
          "tiles are " + tiles.tileSize() + " px, this tiler makes " + policy.tileSize());
    }
    float[] mean = normalization.mean();
    float[] std = normalization.std();
    // Compare in normalised units, so the loop needs no de-normalisation per pixel:
    // luma = sum_c w_c * (v_c * std_c + mean_c) < t  <=>  sum_c (w_c * std_c) v_c < t - sum w_c
    // mean_c
    double[] w = {0.299, 0.587, 0.114};
    float wr = (float) (w[0] * std[0]);
    float wg = (float) (w[1] * std[1]);
    float wb = (float) (w[2] * std[2]);
    float limit = (float) (darkBelow - (w[0] * mean[0] + w[1] * mean[1] + w[2] * mean[2]));
    int plane = tiles.tileSize() * tiles.tileSize();
    float[] px = tiles.pixels();
    double[] out = new double[tiles.tileCount()];
    for (int t = 0; t < out.length; t++) {
      int r = t * 3 * plane;
      int g = r + plane;
      int b = g + plane;
      int dark = 0;
      for (int i = 0; i < plane; i++) {
        if (wr * px[r + i] + wg * px[g + i] + wb * px[b + i] < limit) {
          dark++;
        }
      }
      out[t] = (double) dark / plane;
    }
    return out;
  }
}
