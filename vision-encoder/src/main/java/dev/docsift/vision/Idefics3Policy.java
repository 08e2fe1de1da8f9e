package dev.docsift.vision;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Idefics3's image processor settings (SmolVLM, SmolDocling, Granite-Docling) and its pure size
 * arithmetic, as transformers.js's {@code Idefics3ImageProcessor} computes it.
 *
 * <p>The page is first resized, aspect ratio kept, so that its longest edge is {@code longestEdge}
 * (smaller pages are enlarged); then stretched to the next multiples of {@code tileSize} and, when
 * {@code imageSplitting} is on and that is more than one tile, cut into {@code rows x cols} tiles
 * followed by the whole page squeezed to one tile (the "global image").
 *
 * @param longestEdge {@code size.longest_edge} of {@code preprocessor_config.json}
 * @param tileSize {@code max_image_size.longest_edge}: the vision encoder's input side
 * @param imageSplitting {@code do_image_splitting}; when off the whole page is one tile
 * @param rescaleFactor {@code rescale_factor}, applied to 8-bit values (1/255)
 * @param normalization {@code image_mean} / {@code image_std}
 */
public record Idefics3Policy(
    int longestEdge,
    int tileSize,
    boolean imageSplitting,
    double rescaleFactor,
    PixelNormalization normalization) {

  /**
   * SmolVLM-256M-Instruct's {@code preprocessor_config.json}: longest edge 2048, 512-pixel tiles,
   * splitting on, mean and std 0.5.
   */
  public static final Idefics3Policy SMOLVLM_256M =
      new Idefics3Policy(
          2048,
          512,
          true,
          0.00392156862745098,
          new PixelNormalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f}));

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException when a size or the factor is out of range
   */
  public Idefics3Policy {
    Objects.requireNonNull(normalization, "normalization");
    if (tileSize < 1 || longestEdge < 1) {
      throw new IllegalArgumentException(
          "longestEdge and tileSize must be positive, got " + longestEdge + ", " + tileSize);
    }
    if (!(rescaleFactor > 0)) {
      throw new IllegalArgumentException("rescaleFactor must be positive, got " + rescaleFactor);
    }
  }

  /**
   * Returns the size after the longest-edge resize, as transformers.js's {@code
   * get_resize_output_image_size}: scale by {@code min(L/w, L/h)}, round each side to two decimals
   * ({@code toFixed(2)}), then floor. Enlarges small pages too.
   *
   * @param width page width, positive
   * @param height page height, positive
   */
  public ImageSize resizedSize(int width, int height) {
    new ImageSize(width, height); // validates
    double factor = Math.min((double) longestEdge / width, (double) longestEdge / height);
    return new ImageSize(
        Math.max(1, roundThenFloor(width * factor)), Math.max(1, roundThenFloor(height * factor)));
  }

  // Number(x.toFixed(2)) then Math.floor: toFixed rounds the exact binary value half up, so a side
  // of 1023.996 becomes 1024, not 1023 as a plain floor would give.
  private static int roundThenFloor(double x) {
    return new BigDecimal(x)
        .setScale(2, RoundingMode.HALF_UP)
        .setScale(0, RoundingMode.FLOOR)
        .intValueExact();
  }

  /**
   * Returns the size the resized page is stretched to before splitting, as transformers.js's {@code
   * get_resize_for_vision_encoder}: the longer side up to a multiple of {@code tileSize}, the other
   * side derived from it through the aspect ratio (floored), then also up to a multiple.
   *
   * @param resized the page after {@link #resizedSize}
   */
  public ImageSize encoderSize(ImageSize resized) {
    // Doubles in the order the original computes them: floor(width / aspect) may land one pixel
    // below the true height, which matters when the height is just above a multiple of tileSize.
    double width = resized.width();
    double height = resized.height();
    double aspectRatio = width / height;
    if (width >= height) {
      width = Math.ceil(width / tileSize) * tileSize;
      height = Math.floor(width / aspectRatio);
      height = Math.ceil(height / tileSize) * tileSize;
    } else {
      height = Math.ceil(height / tileSize) * tileSize;
      width = Math.floor(height * aspectRatio);
      width = Math.ceil(width / tileSize) * tileSize;
    }
    return new ImageSize((int) Math.max(width, tileSize), (int) Math.max(height, tileSize));
  }
}
