package dev.docsift.vision;

/**
 * The shapes a vision graph must have: input {@code pixel_values} float {@code [tiles, 3, tileSize,
 * tileSize]}, output {@code image_embeds} float {@code [tiles, tokensPerTile, hidden]}.
 *
 * @param tileSize side of a tile in pixels (448 for Mississippi)
 * @param tokensPerTile visual tokens a tile yields after pixel shuffle (256 for Mississippi)
 * @param hidden width of an embedding, the language model's hidden size (1536 for Mississippi)
 */
public record VisionModelSpec(int tileSize, int tokensPerTile, int hidden) {

  /** H2OVL-Mississippi-0.8B: 448-pixel tiles, 256 tokens a tile, hidden 1536. */
  public static final VisionModelSpec MISSISSIPPI_0_8B = new VisionModelSpec(448, 256, 1536);

  /** Input name of the graph. */
  public static final String INPUT = "pixel_values";

  /** Output name of the graph. */
  public static final String OUTPUT = "image_embeds";

  /**
   * Validates the sizes.
   *
   * @throws IllegalArgumentException when a size is not positive
   */
  public VisionModelSpec {
    if (tileSize < 1 || tokensPerTile < 1 || hidden < 1) {
      throw new IllegalArgumentException(
          "sizes must be positive: " + tileSize + ", " + tokensPerTile + ", " + hidden);
    }
  }
}
