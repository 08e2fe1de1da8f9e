package dev.docsift.slm.prompt;

import dev.docsift.slm.tokenizer.HfTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Writes prompts from a pack's chat template: the query is each page's image, then the instruction,
 * then, when given, the OCR text of the pages. Stateless and thread-safe.
 *
 * <p>Layout of the query with {@link ImageTokens} (InternVL's multi-image convention; a single
 * image has no label), built by {@link #build}:
 *
 * <pre>
 * [Image-1: ]&lt;img&gt;&lt;IMG_CONTEXT&gt; x n1&lt;/img&gt;[\nImage-2: &lt;img&gt;…&lt;/img&gt;]\n{instruction}[{ocr heading}{ocr text}]
 * </pre>
 *
 * <p>With {@link Idefics3ImageTokens}, built by {@link #buildGrids}: each image's expansion ({@link
 * Idefics3ImageTokens#expand}), then the instruction with nothing between, as SmolVLM's chat
 * template writes an image part followed by a text part ({@code User:<image>Extract…}).
 *
 * <p>The template's own text (around {@code {query}}) is trusted and may hold special tokens; the
 * instruction and the OCR text are encoded as plain text, so a page that prints {@code <|end|>}
 * cannot end the prompt. No BOS is added unless the pack names one (H2OVL-Mississippi takes none:
 * with one it describes instead of transcribing).
 */
public final class PromptBuilder {
  /** The text between the instruction and the OCR text. */
  public static final String OCR_HEADING = "\nText read from the document:\n";

  private final HfTokenizer tokenizer;
  private final int[] prefix;
  private final int[] suffix;
  private final Integer bosId;
  private final ImageLayout layout;
  private final int startId;
  private final int contextId;
  private final int endId;

  /**
   * Creates a builder.
   *
   * @param tokenizer the pack's tokenizer
   * @param chatTemplate the pack's template, holding {@code {query}} once
   * @param bosId the BOS id to put first, or null for none
   * @param image how images are written, or null for a text-only pack
   * @throws IllegalArgumentException when the template has no {@code {query}} or the tokenizer
   *     lacks an image token
   */
  public PromptBuilder(
      HfTokenizer tokenizer, String chatTemplate, Integer bosId, ImageLayout image) {
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    int at = chatTemplate.indexOf("{query}");
    if (at < 0) {
      throw new IllegalArgumentException("the chat template has no {query}: " + chatTemplate);
    }
    this.prefix = tokenizer.encode(chatTemplate.substring(0, at));
    this.suffix = tokenizer.encode(chatTemplate.substring(at + "{query}".length()));
    this.bosId = bosId;
    this.layout = image;
    if (image instanceof ImageTokens t) {
      this.startId = tokenizer.tokenId(t.start());
      this.contextId = tokenizer.tokenId(t.context());
      this.endId = tokenizer.tokenId(t.end());
    } else if (image instanceof Idefics3ImageTokens t) {
      tokenizer.tokenId(t.fake()); // fail now, not on the first page, when a token is missing
      tokenizer.tokenId(t.global());
      this.startId = -1;
      this.contextId = tokenizer.tokenId(t.context());
      this.endId = -1;
    } else {
      this.startId = -1;
      this.contextId = -1;
      this.endId = -1;
    }
  }

  /**
   * Builds a prompt, cutting the OCR text (from its end) when the whole would not fit.
   *
   * @param imageTokenCounts visual tokens of each image, in order; empty for none
   * @param instruction what the model is asked to do
   * @param ocrText text read from the pages, or null for none
   * @param maxTokens the most tokens the prompt may have
   * @return the prompt
   * @throws IllegalArgumentException when images are given to a text-only builder, or the prompt
   *     does not fit even without OCR text
   */
  public VisionPrompt build(
      List<Integer> imageTokenCounts, String instruction, String ocrText, int maxTokens) {
    Objects.requireNonNull(instruction, "instruction");
    if (!imageTokenCounts.isEmpty() && !(layout instanceof ImageTokens)) {
      throw new IllegalArgumentException(
          layout == null ? "this pack reads no images" : "this pack's images need buildGrids");
    }
    Ids ids = new Ids();
    int images = 0;
    boolean labelled = imageTokenCounts.size() > 1;
    for (int i = 0; i < imageTokenCounts.size(); i++) {
      int n = imageTokenCounts.get(i);
      if (n < 1) {
        throw new IllegalArgumentException("an image needs at least one token: " + n);
      }
      String before = labelled ? (i == 0 ? "" : "\n") + "Image-" + (i + 1) + ": " : "";
      if (!before.isEmpty()) {
        ids.add(tokenizer.encodeText(before));
      }
      ids.add(startId);
      for (int k = 0; k < n; k++) {
        ids.add(contextId);
      }
      ids.add(endId);
      images += n;
    }
    String separator = imageTokenCounts.isEmpty() ? "" : "\n";
    return assemble(ids, images, separator + instruction, ocrText, maxTokens);
  }

  /**
   * Builds an Idefics3 prompt, cutting the OCR text (from its end) when the whole would not fit.
   *
   * @param grids how each image was split, in order; empty for none
   * @param instruction what the model is asked to do
   * @param ocrText text read from the pages, or null for none
   * @param maxTokens the most tokens the prompt may have
   * @return the prompt
   * @throws IllegalArgumentException when this builder's pack is not of the Idefics3 layout, or the
   *     prompt does not fit even without OCR text
   */
  public VisionPrompt buildGrids(
      List<ImageGrid> grids, String instruction, String ocrText, int maxTokens) {
    Objects.requireNonNull(instruction, "instruction");
    if (!grids.isEmpty() && !(layout instanceof Idefics3ImageTokens)) {
      throw new IllegalArgumentException(
          layout == null ? "this pack reads no images" : "this pack's images need build");
    }
    Ids ids = new Ids();
    int images = 0;
    for (ImageGrid grid : grids) {
      Idefics3ImageTokens tokens = (Idefics3ImageTokens) layout;
      // Our own text, so special tokens are parsed: the tokenizer splits it at them exactly as
      // transformers.js splits the whole expanded prompt (the newlines between are plain text).
      ids.add(tokenizer.encode(tokens.expand(grid)));
      images += tokens.placeholders(grid);
    }
    return assemble(ids, images, instruction, ocrText, maxTokens);
  }

  /** BOS, template prefix, the images, the instruction, the OCR text that fits, the suffix. */
  private VisionPrompt assemble(
      Ids imageIds, int images, String instruction, String ocrText, int maxTokens) {
    Ids ids = new Ids();
    if (bosId != null) {
      ids.add(bosId);
    }
    ids.add(prefix);
    ids.add(imageIds.toArray());
    ids.add(tokenizer.encodeText(instruction));
    int fixed = ids.size() + suffix.length;
    if (fixed > maxTokens) {
      throw new IllegalArgumentException(
          "the prompt needs " + fixed + " tokens without OCR text; the limit is " + maxTokens);
    }
    int kept = 0;
    boolean truncated = false;
    if (ocrText != null && !ocrText.isBlank()) {
      int[] heading = tokenizer.encodeText(OCR_HEADING);
      int room = maxTokens - fixed - heading.length;
      if (room > 0) {
        int[] text = tokenizer.encodeText(ocrText.strip());
        kept = Math.min(text.length, room);
        truncated = kept < text.length;
        ids.add(heading);
        ids.add(Arrays.copyOf(text, kept));
      } else {
        truncated = true;
      }
    }
    ids.add(suffix);
    return new VisionPrompt(ids.toArray(), contextId, images, kept, truncated);
  }

  /** A growable int list, to keep the prompt's assembly readable. */
  private static final class Ids {
    private final List<int[]> parts = new ArrayList<>();
    private int size;

    void add(int id) {
      add(new int[] {id});
    }

    void add(int[] more) {
      parts.add(more);
      size += more.length;
    }

    int size() {
      return size;
    }

    int[] toArray() {
      int[] out = new int[size];
      int at = 0;
      for (int[] p : parts) {
        System.arraycopy(p, 0, out, at, p.length);
        at += p.length;
      }
      return out;
    }
  }
}
