package dev.docsift.vision;

import java.util.Arrays;
import java.util.Objects;

/**
 * A page prepared for an Idefics3 vision encoder: the {@code rows x cols} tiles row by row, then
 * the global image, each {@code 3 x tileSize x tileSize} and normalised. A page that fits one tile
 * (or is processed without splitting) is the global image alone, with {@code rows == cols == 0}, as
 * transformers.js reports it.
 *
 * @param rows tiles down, 0 when the page is one image
 * @param cols tiles across, 0 when the page is one image
 * @param tileSize side of a tile in pixels
 * @param resized the page's size after the longest-edge resize
 * @param pixels {@code (tiles, 3, tileSize, tileSize)} values, channels R, G, B; not copied (it is
 *     large), so callers must not modify it
 */
public record Idefics3Tiles(int rows, int cols, int tileSize, ImageSize resized, float[] pixels) {

  /**
   * Validates the shape.
   *
   * @throws IllegalArgumentException when rows and cols are not both 0 or both positive, or {@code
   *     pixels} does not hold exactly the tiles
   */
  public Idefics3Tiles {
    Objects.requireNonNull(resized, "resized");
    if (rows < 0 || cols < 0 || (rows == 0) != (cols == 0)) {
      throw new IllegalArgumentException("rows and cols must both be 0 or both positive");
    }
    long expected = (long) (rows * cols + 1) * 3 * tileSize * tileSize;
    if (pixels.length != expected) {
      throw new IllegalArgumentException(
          "pixels has " + pixels.length + " values, expected " + expected);
    }
  }

  /** Returns the number of images the encoder sees: {@code rows * cols + 1}. */
  public int tileCount() {
    return rows * cols + 1;
  }

  /** Returns {@code pixel_values}' shape, {@code [1, tiles, 3, tileSize, tileSize]}. */
  public long[] shape() {
    return new long[] {1, tileCount(), 3, tileSize, tileSize};
  }

  /** Returns {@code pixel_attention_mask}'s shape, {@code [1, tiles, tileSize, tileSize]}. */
  public long[] maskShape() {
    return new long[] {1, tileCount(), tileSize, tileSize};
  }

  /**
   * Returns {@code pixel_attention_mask}: all true, since one page is never padded (transformers.js
   * pads, and masks, only the shorter pages of a batch).
   */
  public boolean[] pixelAttentionMask() {
    boolean[] mask = new boolean[tileCount() * tileSize * tileSize];
    Arrays.fill(mask, true);
    return mask;
  }

  /**
   * Returns a copy of one tile, {@code (3, tileSize, tileSize)}.
   *
   * @param index 0 to {@code tileCount() - 1}; the global image is last
   * @throws IndexOutOfBoundsException when {@code index} is out of range
   */
  public float[] tile(int index) {
    Objects.checkIndex(index, tileCount());
    int size = 3 * tileSize * tileSize;
    return Arrays.copyOfRange(pixels, index * size, (index + 1) * size);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Idefics3Tiles other
        && rows == other.rows
        && cols == other.cols
        && tileSize == other.tileSize
        && resized.equals(other.resized)
        && Arrays.equals(pixels, other.pixels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rows, cols, tileSize, resized) * 31 + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "Idefics3Tiles[rows=" + rows + ", cols=" + cols + ", tiles=" + tileCount() + "]";
  }
}
