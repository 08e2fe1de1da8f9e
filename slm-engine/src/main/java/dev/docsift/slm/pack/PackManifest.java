package dev.docsift.slm.pack;

import dev.docsift.errors.ErrorCode;
import dev.docsift.slm.decoder.DecoderSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A pack's {@code pack.json}, parsed and checked (see slm-engine/PACK_FORMAT.md). Holding one means
 * every field is present, well-typed and in range, and every file path stays inside the pack.
 *
 * @param format the pack format version, always {@link #FORMAT}
 * @param name the pack's name, also its folder name in the store
 * @param version the pack's own version
 * @param license the weights' licence, or null when pack.json gives none
 * @param family which model family the pack is
 * @param weightType how the decoder's weights are stored
 * @param files every file of the pack by role ({@code decoder}, {@code embed_tokens}, …)
 * @param tokens special token ids
 * @param chatTemplate the prompt template; {@code {query}} marks the instruction
 * @param decoder the decoder graph's contract
 * @param image the image preprocessing of a vision family, or null for {@link Family#TEXT}
 */
public record PackManifest(
    int format,
    String name,
    String version,
    String license,
    Family family,
    WeightType weightType,
    Map<String, FileEntry> files,
    Tokens tokens,
    String chatTemplate,
    DecoderSpec decoder,
    ImageSpec image) {

  /** The manifest's file name inside a pack folder. */
  public static final String FILE_NAME = "pack.json";

  /** The only pack format this code reads. */
  public static final int FORMAT = 1;

  /** Role of the decoder graph in {@link #files()}. */
  public static final String DECODER = "decoder";

  /** Role of the token embedding graph in {@link #files()}. */
  public static final String EMBED_TOKENS = "embed_tokens";

  /** Role of the Hugging Face tokenizer.json in {@link #files()}. */
  public static final String TOKENIZER = "tokenizer";

  /** Role of the vision encoder graph in {@link #files()} (vision families only). */
  public static final String VISION_ENCODER = "vision_encoder";

  /** What a pack's name may be: it is also its folder's name in the store. */
  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /**
   * Whether a text may name a pack: 1 to 64 letters, digits, '.', '_' or '-', starting with a
   * letter or digit (so it is a safe folder name everywhere).
   *
   * @param name the text
   * @return whether it is a valid pack name
   */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** Validates and copies the collections. */
  public PackManifest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(weightType, "weightType");
    files = Map.copyOf(files);
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(chatTemplate, "chatTemplate");
    Objects.requireNonNull(decoder, "decoder");
  }

  /**
   * Reads and checks a pack.json file.
   *
   * @param file the pack.json
   * @return the manifest
   * @throws PackException NOT_FOUND when the file is absent, INVALID_MANIFEST when it breaks the
   *     format, IO when it cannot be read
   */
  public static PackManifest read(Path file) throws PackException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new PackException(
          ErrorCode.MODEL_NOT_FOUND,
          "The folder " + file.getParent() + " is not a model pack: it has no " + FILE_NAME + ".");
    } catch (IOException e) {
      throw new PackException(
          ErrorCode.MODEL_IO, "Cannot read " + file + ": " + e.getMessage() + ".", e);
    }
    return parse(text);
  }

  /**
   * Parses and checks the text of a pack.json.
   *
   * @param json the JSON text
   * @return the manifest
   * @throws PackException INVALID_MANIFEST naming the first field that is wrong
   */
  public static PackManifest parse(String json) throws PackException {
    return ManifestReader.parse(json);
  }

  /**
   * A file of the pack by role.
   *
   * @param role such as {@link #DECODER}
   * @return the entry, or null when the pack has no file in that role
   */
  public FileEntry file(String role) {
    return files.get(role);
  }

  /** Model families, each with its own graphs and preprocessing. */
  public enum Family {
    /** A decoder alone, reading OCR text. */
    TEXT("text"),
    /** H2OVL-Mississippi and InternVL2: 448×448 tiles. */
    INTERNVL("internvl"),
    /** SmolVLM, SmolDocling, Granite-Docling: 512×512 tiles. */
    IDEFICS3("idefics3");

    private final String json;

    Family(String json) {
      this.json = json;
    }

    /** The name pack.json uses. */
    public String json() {
      return json;
    }

    /** Whether packs of this family read page images (and so need a vision encoder). */
    public boolean isVision() {
      return this != TEXT;
    }

    /**
     * The family pack.json names.
     *
     * @param json such as {@code internvl}
     * @return the family, or null when unknown
     */
    public static Family fromJson(String json) {
      for (Family f : values()) {
        if (f.json.equals(json.toLowerCase(Locale.ROOT))) {
          return f;
        }
      }
      return null;
    }
  }

  /** How the decoder's weights are stored. */
  public enum WeightType {
    /** 32-bit floats. */
    FP32("fp32"),
    /** 16-bit floats. */
    FP16("fp16"),
    /** 8-bit integers. */
    INT8("int8"),
    /** 4-bit integers in blocks of 32 ({@code com.microsoft:MatMulNBits}). */
    INT4_BLOCK32("int4-block32");

    private final String json;

    WeightType(String json) {
      this.json = json;
    }

    /** The name pack.json uses. */
    public String json() {
      return json;
    }

    /**
     * The weight type pack.json names.
     *
     * @param json such as {@code int4-block32}
     * @return the weight type, or null when unknown
     */
    public static WeightType fromJson(String json) {
      for (WeightType w : values()) {
        if (w.json.equals(json.toLowerCase(Locale.ROOT))) {
          return w;
        }
      }
      return null;
    }
  }

  /**
   * A file of the pack.
   *
   * @param path relative to the pack folder, with {@code /} separators, never leaving it
   * @param sha256 64 lower-case hex digits
   */
  public record FileEntry(String path, String sha256) {
    /** Validates. */
    public FileEntry {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(sha256, "sha256");
    }
  }

  /**
   * Special token ids.
   *
   * @param bosId the id put before a prompt, or null when the model takes no BOS
   * @param eosIds ids the constraint allows once the JSON is complete
   * @param stopIds ids at which generation stops
   * @param padId the padding id
   */
  public record Tokens(Integer bosId, List<Integer> eosIds, List<Integer> stopIds, int padId) {
    /** Copies the lists. */
    public Tokens {
      eosIds = List.copyOf(eosIds);
      stopIds = List.copyOf(stopIds);
    }
  }

  /**
   * Image preprocessing for a vision family.
   *
   * @param tileSize the side of a square tile in pixels (448 for InternVL, 512 for SmolVLM)
   * @param minTiles fewest tiles a page is cut into (Idefics3: 1)
   * @param maxTiles most tiles a page is cut into, before the thumbnail (Idefics3: derived, {@code
   *     ceil(longestEdge / tileSize)^2}, or 1 without splitting)
   * @param thumbnail whether a thumbnail of the whole page is appended when there is more than one
   *     tile (Idefics3: the global image, so {@code imageSplitting})
   * @param msac InternVL: H2OVL's multi-scale adaptive cropping ({@code use_msac}), a second grid
   *     cut before the first (vision-encoder's {@code TilingPolicy.msac}); false for Idefics3 and
   *     when pack.json has no {@code image.msac}
   * @param mean per-channel mean, RGB, three values
   * @param std per-channel standard deviation, RGB, three positive values
   * @param resize the resize filter, such as {@code bicubic}
   * @param tokensPerTile visual tokens one tile becomes
   * @param imageStart the token string that opens an image, such as {@code <img>}
   * @param imageContext the placeholder token repeated for every visual token
   * @param imageEnd the token string that closes an image
   * @param longestEdge Idefics3: the side a page's longest edge is resized to before splitting
   *     ({@code size.longest_edge}); 0 for InternVL
   * @param imageSplitting Idefics3: whether pages are split into tiles plus a global image ({@code
   *     do_image_splitting}); false for InternVL
   * @param globalImage Idefics3: the token that opens the global image ({@code <global-img>}); null
   *     for InternVL
   */
  public record ImageSpec(
      int tileSize,
      int minTiles,
      int maxTiles,
      boolean thumbnail,
      boolean msac,
      List<Double> mean,
      List<Double> std,
      String resize,
      int tokensPerTile,
      String imageStart,
      String imageContext,
      String imageEnd,
      int longestEdge,
      boolean imageSplitting,
      String globalImage) {
    /** Copies the lists. */
    public ImageSpec {
      mean = List.copyOf(mean);
      std = List.copyOf(std);
      Objects.requireNonNull(resize, "resize");
      Objects.requireNonNull(imageStart, "imageStart");
      Objects.requireNonNull(imageContext, "imageContext");
      Objects.requireNonNull(imageEnd, "imageEnd");
    }
  }
}
