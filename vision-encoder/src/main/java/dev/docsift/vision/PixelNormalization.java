package dev.docsift.vision;

import java.util.Arrays;

/**
 * Per-channel normalisation applied to RGB values in [0, 1]: {@code (v - mean[c]) / std[c]}.
 *
 * @param mean per-channel mean, R, G, B
 * @param std per-channel standard deviation, R, G, B, all positive
 */
public record PixelNormalization(float[] mean, float[] std) {

  /** ImageNet statistics, used by InternViT and so by H2OVL-Mississippi. */
  public static final PixelNormalization IMAGENET =
      new PixelNormalization(
          new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});

  /**
   * Validates and copies the statistics.
   *
   * @throws IllegalArgumentException when an array is not of length 3 or a std is not positive
   */
  public PixelNormalization {
    if (mean == null || std == null || mean.length != 3 || std.length != 3) {
      throw new IllegalArgumentException("mean and std need 3 values each (R, G, B)");
    }
    for (float s : std) {
      if (!(s > 0f)) {
        throw new IllegalArgumentException("std must be positive, got " + s);
      }
    }
    mean = mean.clone();
    std = std.clone();
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PixelNormalization other
        && Arrays.equals(mean, other.mean)
        && Arrays.equals(std, other.std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "PixelNormalization[mean="
        + Arrays.toString(mean)
        + ", std="
        + Arrays.toString(std)
        + "]";
  }

  /** Normalises {@code value} of channel {@code channel} (0 = R, 1 = G, 2 = B). */
  float apply(int channel, float value) {
    return (value - mean[channel]) / std[channel];
  }
}
