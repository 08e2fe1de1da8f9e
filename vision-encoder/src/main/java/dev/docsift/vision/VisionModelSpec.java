package dev.docsift.vision;

/**
 * The shapes a vision graph must have. Two input layouts:
 *
 * <ul>
 *   <li>{@link Inputs#TILES} (InternVL): input {@code pixel_values} float {@code [tiles, 3,
 *       tileSize, tileSize]}, output {@code image_embeds} float {@code [tiles, tokensPerTile,
 *       hidden]};
 *   <li>{@link Inputs#IMAGES_WITH_MASK} (Idefics3's public export): inputs {@code pixel_values}
 *       float {@code [batch, images, 3, tileSize, tileSize]} and {@code pixel_attention_mask} bool
 *       {@code [batch, images, tileSize, tileSize]}, output {@code image_features} float {@code
 *       [batch * images, tokensPerTile, hidden]}.
 * </ul>
 *
 * @param tileSize side of a tile in pixels (448 for Mississippi)
 * @param tokensPerTile visual tokens a tile yields after pixel shuffle (256 for Mississippi)
 * @param hidden width of an embedding, the language model's hidden size (1536 for Mississippi)
 * @param inputs the graph's input layout
 */
public record VisionModelSpec(int tileSize, int tokensPerTile, int hidden, Inputs inputs) {

  /** H2OVL-Mississippi-0.8B: 448-pixel tiles, 256 tokens a tile, hidden 1536. */
  public static final VisionModelSpec MISSISSIPPI_0_8B = new VisionModelSpec(448, 256, 1536);

  /** Input name of the graph. */
  public static final String INPUT = "pixel_values";

  /** Output name of a {@link Inputs#TILES} graph. */
  public static final String OUTPUT = "image_embeds";

  /** The mask input of an {@link Inputs#IMAGES_WITH_MASK} graph. */
  public static final String MASK = "pixel_attention_mask";

  /** Output name of an {@link Inputs#IMAGES_WITH_MASK} graph. */
  public static final String FEATURES = "image_features";

  /** How the graph takes its pixels. */
  public enum Inputs {
    /** {@code pixel_values [tiles, 3, S, S]} → {@code image_embeds}. */
    TILES,
    /** {@code pixel_values [1, images, 3, S, S]} and {@code pixel_attention_mask} → features. */
    IMAGES_WITH_MASK
  }

  /**
   * Validates the sizes.
   *
   * @throws IllegalArgumentException when a size is not positive
   */
  public VisionModelSpec {
    java.util.Objects.requireNonNull(inputs, "inputs");
    if (tileSize < 1 || tokensPerTile < 1 || hidden < 1) {
      throw new IllegalArgumentException(
          "sizes must be positive: " + tileSize + ", " + tokensPerTile + ", " + hidden);
    }
  }

  /**
   * A graph of the {@link Inputs#TILES} layout.
   *
   * @throws IllegalArgumentException when a size is not positive
   */
  public VisionModelSpec(int tileSize, int tokensPerTile, int hidden) {
    this(tileSize, tokensPerTile, hidden, Inputs.TILES);
  }

  /** The output's name in this layout. */
  public String output() {
    return inputs == Inputs.TILES ? OUTPUT : FEATURES;
  }
}
