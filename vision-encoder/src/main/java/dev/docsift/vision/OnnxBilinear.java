package dev.docsift.vision;

/**
 * ONNX {@code Resize} with {@code mode=linear}, the default {@code half_pixel} coordinates and no
 * antialiasing, in float as ONNX Runtime's CPU kernel computes it: transformers.js's {@code
 * interpolate_4d} runs exactly that graph, and Idefics3 uses it on the normalised image both to
 * stretch the page to whole tiles and to squeeze it into the global image. When squeezing it
 * samples only the two nearest pixels per axis (no averaging over the pixels in between), so thin
 * strokes can drop out of the global image; that is what the model was fed, so it is kept.
 */
final class OnnxBilinear {

  private OnnxBilinear() {}

  /**
   * Resizes one float plane.
   *
   * @param src {@code inW * inH} values, row-major
   * @return {@code outW * outH} values; a copy when the size does not change
   */
  static float[] resize(float[] src, int inW, int inH, int outW, int outH) {
    if (inW == outW && inH == outH) {
      return src.clone();
    }
    Axis ax = Axis.of(inW, outW);
    Axis ay = Axis.of(inH, outH);
    float[] dst = new float[outW * outH];
    for (int y = 0; y < outH; y++) {
      int r1 = ay.lo[y] * inW;
      int r2 = ay.hi[y] * inW;
      float dy1 = ay.d1[y];
      float dy2 = ay.d2[y];
      for (int x = 0; x < outW; x++) {
        int x1 = ax.lo[x];
        int x2 = ax.hi[x];
        float dx1 = ax.d1[x];
        float dx2 = ax.d2[x];
        dst[y * outW + x] =
            dx2 * dy2 * src[r1 + x1]
                + dx1 * dy2 * src[r1 + x2]
                + dx2 * dy1 * src[r2 + x1]
                + dx1 * dy1 * src[r2 + x2];
      }
    }
    return dst;
  }

  /** Per output index: the two input indices and their weights (d2 for lo, d1 for hi). */
  private record Axis(int[] lo, int[] hi, float[] d1, float[] d2) {
    static Axis of(int in, int out) {
      // ONNX Runtime keeps the scale and the coordinates in float, not double.
      float scale = (float) out / (float) in;
      int[] lo = new int[out];
      int[] hi = new int[out];
      float[] d1 = new float[out];
      float[] d2 = new float[out];
      for (int o = 0; o < out; o++) {
        float x = (o + 0.5f) / scale - 0.5f;
        x = Math.max(0f, Math.min(x, in - 1));
        lo[o] = Math.min((int) x, in - 1);
        hi[o] = Math.min(lo[o] + 1, in - 1);
        d1[o] = Math.abs(x - lo[o]);
        d2[o] = Math.abs(x - hi[o]);
        if (lo[o] == hi[o]) {
          d1[o] = 0.5f;
          d2[o] = 0.5f;
        }
      }
      return new Axis(lo, hi, d1, d2);
    }
  }
}
