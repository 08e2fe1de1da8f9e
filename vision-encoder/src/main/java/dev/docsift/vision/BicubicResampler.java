package dev.docsift.vision;

/**
 * PIL's {@code Image.resize(..., BICUBIC)} on float planes: a separable convolution with Keys'
 * cubic kernel (a = -0.5), horizontal pass first, then vertical.
 *
 * <p>When shrinking, the kernel is stretched by the scale factor (antialiasing), as PIL and torch's
 * {@code interpolate(mode="bicubic", antialias=True)} do; InternVL resizes through PIL, so this,
 * not torch's default a = -0.75 point sampling, is what the model saw in training. Differences from
 * PIL: values stay float (PIL rounds each pass to 8 bits), and the result is clamped to [0, 1]
 * once, at the end.
 */
final class BicubicResampler {

  private static final double A = -0.5;
  private static final double SUPPORT = 2.0;

  private BicubicResampler() {}

  /** Per-output-pixel window: first input index, tap count, and the normalised weights. */
  private record Coefficients(int[] start, int[] count, float[] weights, int stride) {}

  private static double cubic(double x) {
    x = Math.abs(x);
    if (x < 1.0) {
      return ((A + 2.0) * x - (A + 3.0)) * x * x + 1.0;
    }
    if (x < 2.0) {
      return (((x - 5.0) * x + 8.0) * x - 4.0) * A;
    }
    return 0.0;
  }

  private static Coefficients coefficients(int inSize, int outSize) {
    double scale = (double) inSize / outSize;
    double filterScale = Math.max(scale, 1.0);
    double support = SUPPORT * filterScale;
    int stride = (int) Math.ceil(support) * 2 + 1;
    int[] start = new int[outSize];
    int[] count = new int[outSize];
    float[] weights = new float[outSize * stride];
    double[] w = new double[stride];
    for (int o = 0; o < outSize; o++) {
      double center = (o + 0.5) * scale;
      // Border handling as PIL: the window is cut at the image edge and the remaining weights are
      // renormalised to sum to 1 (no edge replication, no reflection). The (int) casts truncate
      // toward zero exactly as PIL's C code and torch's aa kernel do.
      int min = Math.max((int) (center - support + 0.5), 0);
      int n = Math.min((int) (center + support + 0.5), inSize) - min;
      double total = 0.0;
      for (int k = 0; k < n; k++) {
        w[k] = cubic((k + min - center + 0.5) / filterScale);
        total += w[k];
      }
      for (int k = 0; k < n; k++) {
        weights[o * stride + k] = (float) (total != 0.0 ? w[k] / total : w[k]);
      }
      start[o] = min;
      count[o] = n;
    }
    return new Coefficients(start, count, weights, stride);
  }

  /**
   * Resizes one plane.
   *
   * @param src plane of {@code inW * inH} values, row-major
   * @return plane of {@code outW * outH} values, row-major, clamped to [0, 1]; a copy of {@code
   *     src} when the size does not change (as PIL)
   */
  static float[] resize(float[] src, int inW, int inH, int outW, int outH) {
    if (inW == outW && inH == outH) {
      return src.clone();
    }
    Coefficients cx = coefficients(inW, outW);
    Coefficients cy = coefficients(inH, outH);
    // Horizontal pass: (inH, outW)
    float[] tmp = new float[inH * outW];
    for (int y = 0; y < inH; y++) {
      int row = y * inW;
      int outRow = y * outW;
      for (int x = 0; x < outW; x++) {
        int s = cx.start[x] + row;
        int wi = x * cx.stride;
        int n = cx.count[x];
        float acc = 0f;
        for (int k = 0; k < n; k++) {
          acc += src[s + k] * cx.weights[wi + k];
        }
        tmp[outRow + x] = acc;
      }
    }
    // Vertical pass: (outH, outW), rows of tmp accumulated whole for sequential memory access.
    float[] dst = new float[outH * outW];
    for (int y = 0; y < outH; y++) {
      int outRow = y * outW;
      int wi = y * cy.stride;
      int n = cy.count[y];
      for (int k = 0; k < n; k++) {
        float wk = cy.weights[wi + k];
        int srcRow = (cy.start[y] + k) * outW;
        for (int x = 0; x < outW; x++) {
          dst[outRow + x] += tmp[srcRow + x] * wk;
        }
      }
      for (int x = 0; x < outW; x++) {
        float v = dst[outRow + x];
        dst[outRow + x] = v < 0f ? 0f : (v > 1f ? 1f : v);
      }
    }
    return dst;
  }
}
