package dev.docsift.vision;

import java.util.Arrays;
import java.util.Objects;

/**
 * Visual embeddings of one page, on the heap.
 *
 * @param tiles tiles encoded, thumbnail included
 * @param tokensPerTile tokens each tile yields
 * @param hidden width of an embedding
 * @param values {@code (tiles, tokensPerTile, hidden)}, row-major; not copied (it is large), so
 *     callers must not modify it
 */
public record ImageEmbeddings(int tiles, int tokensPerTile, int hidden, float[] values) {

  /**
   * Validates the shape.
   *
   * @throws IllegalArgumentException when {@code values} does not match the sizes
   */
  public ImageEmbeddings {
    Objects.requireNonNull(values, "values");
    if ((long) tiles * tokensPerTile * hidden != values.length) {
      throw new IllegalArgumentException(
          "values has "
              + values.length
              + " floats, not "
              + tiles
              + "x"
              + tokensPerTile
              + "x"
              + hidden);
    }
  }

  /**
   * Returns the number of tokens, {@code tiles * tokensPerTile}: the image's {@code <IMG_CONTEXT>}
   * count.
   */
  public int tokens() {
    return tiles * tokensPerTile;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageEmbeddings other
        && tiles == other.tiles
        && tokensPerTile == other.tokensPerTile
        && hidden == other.hidden
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "ImageEmbeddings[tiles="
        + tiles
        + ", tokensPerTile="
        + tokensPerTile
        + ", hidden="
        + hidden
        + "]";
  }
}
