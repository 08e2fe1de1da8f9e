package dev.docsift.slm.prompt;

import java.util.Arrays;
import java.util.Objects;

/**
 * A prompt ready for the decoder: its token ids, with one placeholder id per visual token that the
 * image embeddings replace before prefill.
 *
 * @param ids the token ids, in order; not copied, so callers must not modify it
 * @param imageContextId the placeholder id ({@code <IMG_CONTEXT>}), or -1 for a prompt without
 *     images
 * @param imageTokens how many placeholders the prompt holds: the visual tokens it expects
 * @param ocrTokensKept how many tokens of OCR text the prompt carries
 * @param ocrTruncated whether OCR text was cut to fit the context
 */
public record VisionPrompt(
    int[] ids, int imageContextId, int imageTokens, int ocrTokensKept, boolean ocrTruncated) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException when the count of placeholders is not {@code imageTokens}
   */
  public VisionPrompt {
    Objects.requireNonNull(ids, "ids");
    int n = 0;
    for (int id : ids) {
      if (id == imageContextId) {
        n++;
      }
    }
    if (n != imageTokens) {
      throw new IllegalArgumentException(
          "the prompt holds " + n + " image placeholders, not " + imageTokens);
    }
  }

  /** The prompt's length in tokens. */
  public int length() {
    return ids.length;
  }

  /**
   * Replaces the placeholder rows of the prompt's token embeddings with visual embeddings, in
   * order: the first placeholder gets the first visual row.
   *
   * @param tokenEmbeds {@code (length(), hidden)} token embeddings, row by row; changed in place
   * @param hidden width of a row
   * @param visual {@code (imageTokens(), hidden)} visual embeddings, row by row
   * @return {@code tokenEmbeds}
   * @throws IllegalArgumentException when a size disagrees
   */
  public float[] splice(float[] tokenEmbeds, int hidden, float[] visual) {
    if (tokenEmbeds.length != (long) ids.length * hidden) {
      throw new IllegalArgumentException(
          tokenEmbeds.length + " token embedding values are not " + ids.length + " x " + hidden);
    }
    if (visual.length != (long) imageTokens * hidden) {
      throw new IllegalArgumentException(
          visual.length + " visual values are not " + imageTokens + " x " + hidden);
    }
    int row = 0;
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == imageContextId) {
        System.arraycopy(visual, row * hidden, tokenEmbeds, i * hidden, hidden);
        row++;
      }
    }
    return tokenEmbeds;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VisionPrompt p
        && Arrays.equals(ids, p.ids)
        && imageContextId == p.imageContextId
        && imageTokens == p.imageTokens
        && ocrTokensKept == p.ocrTokensKept
        && ocrTruncated == p.ocrTruncated;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ids) * 31 + imageTokens;
  }

  @Override
  public String toString() {
    return "VisionPrompt[tokens=" + ids.length + ", imageTokens=" + imageTokens + "]";
  }
}
