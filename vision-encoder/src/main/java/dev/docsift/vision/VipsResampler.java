package dev.docsift.vision;

import java.util.Arrays;

/**
 * sharp's {@code resize({kernel: 'lanczos3', fit: 'fill'})} on 8-bit planes, integer for integer:
 * what transformers.js runs in Node for an image processor whose {@code resample} is 1 (LANCZOS),
 * such as Idefics3's. sharp hands the whole scale to libvips 8.17's {@code vips_resize}, which per
 * axis
 *
 * <ul>
 *   <li>shrinks with {@code vips_reduce}: vertical pass first, then horizontal; a Lanczos-3 kernel
 *       stretched by the shrink factor over {@code 2*ceil(3*shrink)+1} taps, centred at {@code
 *       (o+0.5)*shrink-0.5}, with the sub-pixel position rounded to 1/64, weights normalised then
 *       truncated to 12-bit fixed point, edges clamped, each pass rounded and clamped to 0..255;
 *   <li>then, when an axis grows, enlarges with one {@code vips_affine} for both axes (scale 1 on
 *       an axis that does not grow) and the bicubic (Catmull-Rom, a = -0.5) interpolator, input
 *       displaced by 0.5, position rounded to 1/64, weights truncated to 12-bit fixed point, the
 *       horizontal sums rounded (not clamped) and the vertical sum rounded and clamped, edges
 *       copied.
 * </ul>
 *
 * <p>A shrink by a factor of 4 or more is first box-averaged by {@code floor(factor / 2)} on that
 * axis ({@code vips_shrinkv/h}, libvips's default {@code gap} of 2), then reduced by the rest.
 *
 * <p>Checked bit for bit against sharp 0.34.5 on shrinks of 1.46 and 4.4 (box pre-shrink, odd and
 * even sizes), enlargements of 4.7 and 51 and a one-axis enlargement
 * (scripts/vision/idefics3_goldens.mjs).
 */
final class VipsResampler {

  private static final int SUB = 64; // VIPS_TRANSFORM_SCALE
  private static final int SHIFT = 12; // VIPS_INTERPOLATE_SHIFT
  private static final int ONE = 1 << SHIFT;
  private static final double GAP = 2.0; // vips_resize's default reducing gap

  private VipsResampler() {}

  /**
   * Resizes one 8-bit plane.
   *
   * @param src {@code inW * inH} values 0..255, row-major
   * @return {@code outW * outH} values 0..255; a copy when the size does not change
   */
  static int[] resize(int[] src, int inW, int inH, int outW, int outH) {
    int[] plane = src.clone();
    int w = inW;
    int h = inH;
    // Shrinks first (vertical, then horizontal), then enlargements, as vips_resize orders them.
    if (outH < h) {
      plane = shrink(plane, w, h, outH, false);
      h = outH;
    }
    if (outW < w) {
      plane = shrink(plane, w, h, outW, true);
      w = outW;
    }
    if (outW > w || outH > h) {
      // One vips_affine for both axes, scale 1 on an axis that does not grow: libvips still moves
      // that axis by its 0.5 input displacement, so it comes out interpolated between pixels.
      double hscale = outW > w ? 1.0 / ((double) w / outW) : 1.0;
      double vscale = outH > h ? 1.0 / ((double) h / outH) : 1.0;
      plane = affine(plane, w, h, outW, outH, hscale, vscale);
    }
    return plane;
  }

  private static double lanczos3(double x) {
    if (x == 0) {
      return 1;
    }
    if (-3 < x && x < 3) {
      return 3 * Math.sin(Math.PI * x) * Math.sin(Math.PI * x / 3) / (Math.PI * Math.PI * x * x);
    }
    return 0;
  }

  private static double catmullRom(double x) {
    x = Math.abs(x);
    if (x < 1) {
      return 1.5 * x * x * x - 2.5 * x * x + 1;
    }
    if (x < 2) {
      return -0.5 * x * x * x + 2.5 * x * x - 4 * x + 2;
    }
    return 0;
  }

  /** The 1/64 sub-pixel step of {@code x}, rounded to nearest as libvips does: 0..64. */
  private static int subPosition(double x) {
    int sx = (int) Math.floor(x * SUB * 2);
    return ((sx & (SUB * 2 - 1)) + 1) >> 1;
  }

  /**
   * One axis of a shrink: with libvips's default {@code gap} of 2, a factor of 4 or more is first
   * box-averaged by {@code floor(factor / 2)} ({@code vips_shrinkh/v} with {@code ceil}: a short
   * last block is padded with the edge pixel), and the reduce then takes the factor divided by
   * that, not the box-shrunk size over the output size (they differ in the last digits).
   */
  private static int[] shrink(int[] src, int w, int h, int out, boolean horizontal) {
    int in = horizontal ? w : h;
    double factor = (double) in / out;
    int box = Math.max(1, (int) Math.floor(factor / GAP));
    if (box > 1) {
      int boxed = (in + box - 1) / box;
      int[] ones = new int[box];
      Arrays.fill(ones, 1);
      int[] first = new int[boxed];
      int[][] weights = new int[boxed][];
      for (int o = 0; o < boxed; o++) {
        first[o] = o * box;
        weights[o] = ones;
      }
      src = pass(src, w, h, boxed, horizontal, first, weights, box, true);
      w = horizontal ? boxed : w;
      h = horizontal ? h : boxed;
    }
    return reduce(src, w, h, out, horizontal, factor / box);
  }

  /** One vips_reduceh / vips_reducev pass along x ({@code horizontal}) or y. */
  private static int[] reduce(int[] src, int w, int h, int out, boolean horizontal, double shrink) {
    int points = (int) Math.ceil(3 * shrink) * 2 + 1;
    int[][] masks = new int[SUB + 1][points];
    for (int t = 0; t <= SUB; t++) {
      double[] c = new double[points];
      double sum = 0;
      for (int i = 0; i < points; i++) {
        c[i] = lanczos3((i - (points - 2) / 2 - (double) t / SUB) / shrink);
        sum += c[i];
      }
      for (int i = 0; i < points; i++) {
        masks[t][i] = (int) (c[i] / sum * ONE); // truncated, as libvips's (int) cast
      }
    }
    int[] first = new int[out];
    int[][] weights = new int[out][];
    for (int o = 0; o < out; o++) {
      double x = (o + 0.5) * shrink - 0.5;
      first[o] = (int) Math.floor(x) - (points - 2) / 2;
      weights[o] = masks[subPosition(x)];
    }
    return pass(src, w, h, out, horizontal, first, weights, ONE, true);
  }

  /**
   * vips_affine with the bicubic interpolator, {@code extend=copy} and an input displacement of
   * 0.5, at the coordinates libvips computes: the inverse matrix's entries ({@code vscale/det}
   * across, {@code hscale/det} down), a one-pixel border added to the input, x stepped by repeated
   * addition along a row, y multiplied per row. Reproducing these double roundings matters:
   * positions that land exactly on a 1/128 boundary round to the neighbouring 1/64 step otherwise.
   */
  private static int[] affine(
      int[] src, int w, int h, int outW, int outH, double hscale, double vscale) {
    double det = hscale * vscale;
    double ia = vscale / det;
    double id = hscale / det;
    int[][] table = new int[SUB + 1][4];
    for (int t = 0; t <= SUB; t++) {
      double f = (double) t / SUB;
      double[] c = {catmullRom(f + 1), catmullRom(f), catmullRom(1 - f), catmullRom(2 - f)};
      for (int i = 0; i < 4; i++) {
        table[t][i] = (int) (c[i] * ONE); // truncated, as libvips's (int) cast
      }
    }
    int[] firstX = new int[outW];
    int[][] weightsX = new int[outW][];
    double x = 0.0;
    x += 1; // the border
    x -= 0.5; // the input displacement
    for (int o = 0; o < outW; o++) {
      firstX[o] = (int) x - 1 - 1; // back to unbordered coordinates, then the tap before
      weightsX[o] = table[subPosition(x)];
      x += ia;
    }
    int[] firstY = new int[outH];
    int[][] weightsY = new int[outH][];
    for (int o = 0; o < outH; o++) {
      double y = id * o;
      y += 1;
      y -= 0.5;
      firstY[o] = (int) y - 1 - 1;
      weightsY[o] = table[subPosition(y)];
    }
    // libvips's bicubic rounds the horizontal sums but clamps only the final vertical one.
    int[] rows = pass(src, w, h, outW, true, firstX, weightsX, ONE, false);
    return pass(rows, outW, h, outH, false, firstY, weightsY, ONE, true);
  }

  /**
   * One separable pass along x ({@code horizontal}) or y: output {@code o} sums {@code
   * weights[o][i] * in[first[o] + i]} (indices clamped to the edge, as libvips's copy extension),
   * divides by {@code divisor} rounding half up, and clamps to 0..255 when asked.
   */
  private static int[] pass(
      int[] src,
      int w,
      int h,
      int out,
      boolean horizontal,
      int[] first,
      int[][] weights,
      int divisor,
      boolean clamp) {
    int in = horizontal ? w : h;
    int ow = horizontal ? out : w;
    int oh = horizontal ? h : out;
    int[] dst = new int[ow * oh];
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        int o = horizontal ? x : y;
        int[] m = weights[o];
        long acc = 0;
        for (int i = 0; i < m.length; i++) {
          int p = Math.min(Math.max(first[o] + i, 0), in - 1);
          acc += (long) m[i] * (horizontal ? src[y * w + p] : src[p * w + x]);
        }
        // floorDiv: libvips shifts its fixed-point sums right, which floors negative ones too.
        int v = (int) Math.floorDiv(acc + divisor / 2, divisor);
        dst[y * ow + x] = clamp ? Math.min(Math.max(v, 0), 255) : v;
      }
    }
    return dst;
  }
}
