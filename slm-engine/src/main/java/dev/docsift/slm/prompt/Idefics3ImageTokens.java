package dev.docsift.slm.prompt;

import java.util.Objects;

/**
 * Idefics3's image prompt (SmolVLM, SmolDocling, Granite-Docling), as transformers.js's {@code
 * Idefics3Processor} expands each {@code <image>} of the chat text: for a page split into {@code
 * rows x cols} tiles,
 *
 * <pre>
 * for each row r: for each col c: {fake}&lt;row_r_col_c&gt;{context} x seqLen; then "\n"
 * "\n"{fake}{global}{context} x seqLen{fake}
 * </pre>
 *
 * <p>and for a page processed as one image (rows = cols = 0) just the last line without its leading
 * newline. The row and column labels count from 1.
 *
 * @param fake the token around image runs, {@code <fake_token_around_image>}
 * @param context the placeholder repeated for every visual token, {@code <image>}
 * @param global the token that opens the global image, {@code <global-img>}
 * @param seqLen visual tokens per tile: {@code (image_size / patch_size)^2 / scale_factor^2}, 64
 *     for SmolVLM-256M
 */
public record Idefics3ImageTokens(String fake, String context, String global, int seqLen)
    implements ImageLayout {

  /** SmolVLM-256M-Instruct's tokens: 64 visual tokens per 512-pixel tile. */
  public static final Idefics3ImageTokens SMOLVLM_256M =
      new Idefics3ImageTokens("<fake_token_around_image>", "<image>", "<global-img>", 64);

  /**
   * Validates.
   *
   * @throws IllegalArgumentException when {@code seqLen} is not positive
   */
  public Idefics3ImageTokens {
    Objects.requireNonNull(fake, "fake");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(global, "global");
    if (seqLen < 1) {
      throw new IllegalArgumentException("seqLen must be positive, got " + seqLen);
    }
  }

  /** Returns the label of the tile in row {@code row} and column {@code col}, from 1. */
  public static String tileLabel(int row, int col) {
    return "<row_" + row + "_col_" + col + ">";
  }

  /**
   * Returns the text an image split as {@code grid} becomes.
   *
   * @param grid the page's split
   */
  public String expand(ImageGrid grid) {
    String run = context.repeat(seqLen);
    String globalImage = fake + global + run + fake;
    if (grid.rows() == 0) {
      return globalImage;
    }
    StringBuilder text = new StringBuilder();
    for (int r = 1; r <= grid.rows(); r++) {
      for (int c = 1; c <= grid.cols(); c++) {
        text.append(fake).append(tileLabel(r, c)).append(run);
      }
      text.append('\n');
    }
    return text.append('\n').append(globalImage).toString();
  }

  /** Returns how many placeholders {@link #expand} writes for {@code grid}. */
  public int placeholders(ImageGrid grid) {
    return (grid.rows() * grid.cols() + 1) * seqLen;
  }
}
