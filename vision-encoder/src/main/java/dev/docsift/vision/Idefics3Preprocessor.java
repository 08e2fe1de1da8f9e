package dev.docsift.vision;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Idefics3's image processing (SmolVLM, SmolDocling, Granite-Docling) as transformers.js 3.7 runs
 * it in Node, step for step:
 *
 * <ol>
 *   <li>resize the 8-bit page so its longest edge is {@link Idefics3Policy#longestEdge} with
 *       sharp's Lanczos-3 ({@link VipsResampler}; the config's {@code resample: 1});
 *   <li>rescale to [0, 1] and normalise, in float;
 *   <li>stretch to whole tiles ({@link Idefics3Policy#encoderSize}) and squeeze a copy to one tile
 *       for the global image, both with ONNX bilinear on the normalised values ({@link
 *       OnnxBilinear});
 *   <li>cut the stretched page into {@code rows x cols} tiles, row by row, global image last.
 * </ol>
 *
 * <p>Python transformers differs (it resizes every step with PIL's Lanczos and rounds sizes its own
 * way); transformers.js is the reference here because its output is what docsift's goldens hold.
 * Stateless and thread-safe; deterministic.
 */
public final class Idefics3Preprocessor {

  private final Idefics3Policy policy;

  /**
   * Creates a preprocessor.
   *
   * @param policy the processor settings
   */
  public Idefics3Preprocessor(Idefics3Policy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** Returns the settings. */
  public Idefics3Policy policy() {
    return policy;
  }

  /**
   * Prepares a page.
   *
   * @param image any image, grey or colour; alpha is dropped
   * @return the tiles and the global image
   */
  public Idefics3Tiles preprocess(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    RgbPlanes rgb = RgbPlanes.of(image);
    ImageSize resized = policy.resizedSize(rgb.width(), rgb.height());
    int s = policy.tileSize();
    ImageSize target = policy.imageSplitting() ? policy.encoderSize(resized) : new ImageSize(s, s);
    boolean split = target.width() > s || target.height() > s;
    int rows = split ? target.height() / s : 0;
    int cols = split ? target.width() / s : 0;
    int tiles = rows * cols + 1;
    int plane = s * s;
    float[] out = new float[tiles * 3 * plane];
    float[] stretched = null;
    for (int c = 0; c < 3; c++) {
      // A grey page has one plane for all three channels: process it once.
      boolean same = c > 0 && rgb.planes()[c] == rgb.planes()[c - 1];
      if (!same) {
        int[] bytes =
            VipsResampler.resize(
                toBytes(rgb.planes()[c]),
                rgb.width(),
                rgb.height(),
                resized.width(),
                resized.height());
        stretched =
            OnnxBilinear.resize(
                normalise(bytes, c),
                resized.width(),
                resized.height(),
                target.width(),
                target.height());
      }
      for (int t = 0; t < rows * cols; t++) {
        int x0 = (t % cols) * s;
        int y0 = (t / cols) * s;
        int base = (t * 3 + c) * plane;
        for (int y = 0; y < s; y++) {
          System.arraycopy(stretched, (y0 + y) * target.width() + x0, out, base + y * s, s);
        }
      }
      float[] global =
          split ? OnnxBilinear.resize(stretched, target.width(), target.height(), s, s) : stretched;
      System.arraycopy(global, 0, out, ((tiles - 1) * 3 + c) * plane, plane);
    }
    return new Idefics3Tiles(rows, cols, s, resized, out);
  }

  private static int[] toBytes(float[] unit) {
    int[] bytes = new int[unit.length];
    for (int i = 0; i < unit.length; i++) {
      bytes[i] = Math.round(unit[i] * 255f);
    }
    return bytes;
  }

  private float[] normalise(int[] bytes, int channel) {
    // As transformers.js: the rescaled value is stored as float32, the normalised one computed from
    // it in double and stored as float32 again.
    double mean = policy.normalization().mean()[channel];
    double std = policy.normalization().std()[channel];
    float[] out = new float[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      float unit = (float) (policy.rescaleFactor() * bytes[i]);
      out[i] = (float) ((unit - mean) / std);
    }
    return out;
  }
}
