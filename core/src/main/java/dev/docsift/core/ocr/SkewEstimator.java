package dev.docsift.core.ocr;

/**
 * Measures a small page skew by projection profiles: on a sampled, binarised copy of the page, text
 * lines give the sharpest row histogram (largest sum of squared row counts) when the rows are
 * sheared by the angle the lines run at. Coarse search over ±5° in 0.2° steps, then 0.05° steps
 * around the best. Costs a few milliseconds on a 300 dpi A4 page.
 */
final class SkewEstimator {
  /** Skews are sought within ± this many degrees. */
  static final double MAX_DEGREES = 5.0;

  private static final double COARSE_STEP = 0.2;
  private static final double FINE_STEP = 0.05;

  /** Samples per row at most: 0.1° is still more than a sample across this width. */
  private static final int SAMPLED_WIDTH = 800;

  /** Fewer dark samples than this carry no reliable lines. */
  private static final int MIN_DARK = 200;

  private SkewEstimator() {}

  /**
   * The estimate.
   *
   * @param degrees how far the text runs clockwise on screen (down to the right) from horizontal; 0
   *     when no lines stand out
   * @param paper the grey of the background, to fill corners with when turning the page
   */
  record Skew(double degrees, int paper) {}

  static Skew estimate(GreyImage image) {
    int step = Math.max(1, Math.round(image.width() / (float) SAMPLED_WIDTH));
    int sw = image.width() / step;
    int sh = image.height() / step;
    byte[] px = image.pixels();
    int[] histogram = new int[256];
    for (int y = 0; y < sh; y++) {
      int row = (y * step + step / 2) * image.width() + step / 2;
      for (int x = 0; x < sw; x++) {
        histogram[px[row + x * step] & 0xff]++;
      }
    }
    int threshold = otsu(histogram);
    int paper = paper(histogram, threshold);
    int total = sw * sh;
    int dark = 0;
    for (int v = 0; v <= threshold; v++) {
      dark += histogram[v];
    }
    // Pages that are mostly dark are photos or negatives: profiles say nothing there.
    if (dark < MIN_DARK || dark > total / 2) {
      return new Skew(0, paper);
    }
    int[] xs = new int[dark];
    int[] ys = new int[dark];
    int n = 0;
    for (int y = 0; y < sh; y++) {
      int row = (y * step + step / 2) * image.width() + step / 2;
      for (int x = 0; x < sw; x++) {
        if ((px[row + x * step] & 0xff) <= threshold) {
          xs[n] = x;
          ys[n] = y;
          n++;
        }
      }
    }
    int margin = (int) Math.ceil(sw * Math.tan(Math.toRadians(MAX_DEGREES + 1))) + 2;
    int[] bins = new int[sh + 2 * margin];
    double best = 0;
    double bestScore = -1;
    double zeroScore = 0;
    for (double a = -MAX_DEGREES; a <= MAX_DEGREES + 1e-9; a += COARSE_STEP) {
      double score = score(xs, ys, n, a, bins, margin);
      if (Math.abs(a) < 1e-9) {
        zeroScore = score;
      }
      if (score > bestScore) {
        bestScore = score;
        best = a;
      }
    }
    double coarse = best;
    for (double a = coarse - COARSE_STEP; a <= coarse + COARSE_STEP + 1e-9; a += FINE_STEP) {
      double score = score(xs, ys, n, a, bins, margin);
      if (score > bestScore) {
        bestScore = score;
        best = a;
      }
    }
    // A best angle at the edge of the range is no skew of lines but something else (a table
    // border, a photo); a best barely above level is noise.
    if (Math.abs(best) >= MAX_DEGREES - 1e-9 || bestScore <= zeroScore * 1.02) {
      return new Skew(0, paper);
    }
    return new Skew(Math.round(best * 100) / 100.0, paper);
  }

  /** Sum of squared row counts after shearing by the angle: larger means crisper lines. */
  private static double score(int[] xs, int[] ys, int n, double degrees, int[] bins, int margin) {
    java.util.Arrays.fill(bins, 0);
    // Fixed point: row = y - x * tan(angle), 16 fractional bits.
    long tan = Math.round(Math.tan(Math.toRadians(degrees)) * 65536);
    long half = 1 << 15;
    for (int i = 0; i < n; i++) {
      long shifted = ((long) ys[i] << 16) - xs[i] * tan + half;
      bins[(int) (shifted >> 16) + margin]++;
    }
    double sum = 0;
    for (int b : bins) {
      sum += (double) b * b;
    }
    return sum;
  }

  private static int otsu(int[] histogram) {
    long total = 0;
    long sum = 0;
    for (int v = 0; v < 256; v++) {
      total += histogram[v];
      sum += (long) v * histogram[v];
    }
    long weightBelow = 0;
    long sumBelow = 0;
    double bestVariance = -1;
    int threshold = 127;
    for (int t = 0; t < 255; t++) {
      weightBelow += histogram[t];
      if (weightBelow == 0) {
        continue;
      }
      long weightAbove = total - weightBelow;
      if (weightAbove == 0) {
        break;
      }
      sumBelow += (long) t * histogram[t];
      double meanBelow = (double) sumBelow / weightBelow;
      double meanAbove = (double) (sum - sumBelow) / weightAbove;
      double between = (double) weightBelow * weightAbove * Math.pow(meanBelow - meanAbove, 2);
      if (between > bestVariance) {
        bestVariance = between;
        threshold = t;
      }
    }
    return threshold;
  }

  /** The most common grey above the threshold: the paper. */
  private static int paper(int[] histogram, int threshold) {
    int best = 255;
    int count = -1;
    for (int v = threshold + 1; v < 256; v++) {
      if (histogram[v] > count) {
        count = histogram[v];
        best = v;
      }
    }
    return best;
  }
}
