package dev.docsift.vision;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Cuts a page into the vision encoder's input, as InternVL's {@code dynamic_preprocess} followed by
 * its per-tile transform: choose a grid ({@link TilingPolicy#chooseGrid}), resize the whole page to
 * {@code (tileSize*cols) x (tileSize*rows)} with PIL-style bicubic (no padding, so the aspect ratio
 * may change), crop the tiles row by row, append a thumbnail of the whole page when there is more
 * than one tile and the policy asks for it, and normalise each RGB value.
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
    RgbPlanes rgb = RgbPlanes.of(image);
    int s = policy.tileSize();
    boolean thumbnail = policy.thumbnail() && grid.tiles() > 1;
    int tileCount = grid.tiles() + (thumbnail ? 1 : 0);
    int plane = s * s;
    float[] out = new float[tileCount * 3 * plane]; // (tiles, 3, s, s)
    int resizedW = s * grid.cols();
    int resizedH = s * grid.rows();
    for (int c = 0; c < 3; c++) {
      float[] resized =
          BicubicResampler.resize(rgb.planes()[c], rgb.width(), rgb.height(), resizedW, resizedH);
      // Tile t covers column t % cols and row t / cols: row by row, as the original's crop boxes.
      for (int t = 0; t < grid.tiles(); t++) {
        int x0 = (t % grid.cols()) * s;
        int y0 = (t / grid.cols()) * s;
        int base = (t * 3 + c) * plane;
        for (int y = 0; y < s; y++) {
          int src = (y0 + y) * resizedW + x0;
          int dst = base + y * s;
          for (int x = 0; x < s; x++) {
            out[dst + x] = normalization.apply(c, resized[src + x]);
          }
        }
      }
      if (thumbnail) {
        float[] thumb = BicubicResampler.resize(rgb.planes()[c], rgb.width(), rgb.height(), s, s);
        int base = (grid.tiles() * 3 + c) * plane;
        for (int i = 0; i < plane; i++) {
          out[base + i] = normalization.apply(c, thumb[i]);
        }
      }
    }
    return new TiledImage(grid, s, thumbnail, out);
  }
}
