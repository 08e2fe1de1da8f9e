package dev.docsift.slm.pack.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.slm.pack.PackException;
import dev.docsift.slm.pack.PackManifest;
import dev.docsift.slm.tokenizer.HfTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports an Idefics3 model (SmolVLM, SmolDocling, Granite-Docling) from the layout of its public
 * ONNX export as an {@code idefics3} pack: {@code onnx/vision_encoder*.onnx} ({@code pixel_values}
 * and {@code pixel_attention_mask} → {@code image_features}), {@code onnx/embed_tokens*.onnx} and
 * {@code onnx/decoder_model_merged*.onnx} ({@code inputs_embeds}, {@code attention_mask}, {@code
 * position_ids}, {@code past_key_values.N.key|value} → {@code logits}, {@code present.N.*}).
 *
 * <p>The manifest comes from the folder's configs: sizes from config.json's {@code text_config},
 * the image section from {@code preprocessor_config.json} (longest edge, tile size, splitting, mean
 * and std) and {@code processor_config.json}'s {@code image_seq_len} (else derived from {@code
 * vision_config} and {@code scale_factor}), stop tokens as for a text model, the chat template
 * rendered for an image and a text part into the {@code {query}} form. The decoder gets its weights
 * in an external file ({@link ExternalWeights}); the other graphs are copied.
 */
public final class Idefics3ModelImport implements ModelImport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String FAKE = "<fake_token_around_image>";
  private static final String IMAGE = TextModelImport.IMAGE_PART;
  private static final String GLOBAL = "<global-img>";

  private final HfModelFolder source;
  private final String name;
  private final Map<String, Path> graphs; // role -> path relative to the folder
  private final ObjectNode manifest;

  private Idefics3ModelImport(
      HfModelFolder source, String name, Map<String, Path> graphs, ObjectNode manifest) {
    this.source = source;
    this.name = name;
    this.graphs = graphs;
    this.manifest = manifest;
  }

  /** Whether config.json describes an Idefics3 model (model type or architecture). */
  static boolean isIdefics3(HfModelFolder hf) {
    for (JsonNode a : hf.config().path("architectures")) {
      if (a.asText().equals("Idefics3ForConditionalGeneration")) {
        return true;
      }
    }
    return hf.modelType().equals("idefics3");
  }

  /**
   * Plans the pack of a downloaded Idefics3 model.
   *
   * @param hf the folder's configs
   * @param name the pack's name, or null for the folder's name and the weights
   * @param weights which decoder to take, or null for the first present of q4, int8, fp32, fp16;
   *     the vision and embedding graphs of the same weights are taken where present, else fp32's
   * @return the planned import
   * @throws PackException NOT_IMPORTABLE naming what the folder lacks
   */
  static Idefics3ModelImport plan(HfModelFolder hf, String name, TextModelImport.Weights weights)
      throws PackException {
    Path folder = hf.folder();
    TextModelImport.Weights chosen = null;
    String suffix = null;
    for (TextModelImport.Weights w :
        weights == null ? List.of(TextModelImport.Weights.values()) : List.of(weights)) {
      for (String s : w.suffixes()) {
        if (suffix == null && Files.isRegularFile(graph(folder, "decoder_model_merged", s))) {
          suffix = s;
          chosen = w;
        }
      }
    }
    if (suffix == null) {
      throw HfModelFolder.notImportable(
          folder,
          "it has no onnx/decoder_model_merged"
              + (weights == null ? "*" : weights.suffixes().getFirst())
              + ".onnx graph (docsift runs the ONNX export of an Idefics3 model, as published"
              + " beside it in an onnx/ folder)");
    }
    Map<String, Path> graphs = new LinkedHashMap<>();
    graphs.put(
        PackManifest.DECODER, folder.relativize(graph(folder, "decoder_model_merged", suffix)));
    graphs.put(PackManifest.EMBED_TOKENS, companion(folder, "embed_tokens", suffix));
    graphs.put(PackManifest.VISION_ENCODER, companion(folder, "vision_encoder", suffix));
    String packName = name != null ? name : TextModelImport.defaultName(folder, chosen);
    return new Idefics3ModelImport(hf, packName, graphs, manifest(hf, packName, chosen));
  }

  private static Path graph(Path folder, String base, String suffix) {
    return folder.resolve("onnx").resolve(base + suffix + ".onnx");
  }

  /** The graph of the decoder's weights, else the fp32 one. */
  private static Path companion(Path folder, String base, String suffix) throws PackException {
    for (String s : List.of(suffix, "")) {
      Path p = graph(folder, base, s);
      if (Files.isRegularFile(p)) {
        return folder.relativize(p);
      }
    }
    throw HfModelFolder.notImportable(folder, "it has no onnx/" + base + ".onnx");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Path graph() {
    return graphs.get(PackManifest.DECODER);
  }

  private static ObjectNode manifest(HfModelFolder hf, String name, TextModelImport.Weights weights)
      throws PackException {
    ObjectNode m = TextModelImport.manifest(hf, name, PackManifest.Family.IDEFICS3, weights.type());
    m.set("image", image(hf));
    return m;
  }

  /** The image section from the processor configs, checked against config.json. */
  private static ObjectNode image(HfModelFolder hf) throws PackException {
    Path folder = hf.folder();
    JsonNode pre = optionalJson(folder, "preprocessor_config.json");
    if (pre.isMissingNode()) {
      throw HfModelFolder.notImportable(
          folder, "it has no preprocessor_config.json (the image processor's settings)");
    }
    JsonNode vision = hf.config().path("vision_config");
    int tile = positive(folder, pre.path("max_image_size").path("longest_edge"), "max_image_size");
    int longest = positive(folder, pre.path("size").path("longest_edge"), "size.longest_edge");
    int imageSize = positive(folder, vision.path("image_size"), "vision_config.image_size");
    int patch = positive(folder, vision.path("patch_size"), "vision_config.patch_size");
    int scale = positive(folder, hf.config().path("scale_factor"), "scale_factor");
    if (tile != imageSize) {
      throw HfModelFolder.notImportable(
          folder,
          "preprocessor_config.json's max_image_size ("
              + tile
              + ") differs from vision_config.image_size ("
              + imageSize
              + ")");
    }
    int derived = (imageSize / patch) * (imageSize / patch) / (scale * scale);
    JsonNode seq = optionalJson(folder, "processor_config.json").path("image_seq_len");
    int perTile = seq.isMissingNode() ? derived : positive(folder, seq, "image_seq_len");
    if (perTile != derived) {
      throw HfModelFolder.notImportable(
          folder,
          "processor_config.json's image_seq_len ("
              + perTile
              + ") is not (image_size / patch_size)² / scale_factor² ("
              + derived
              + ")");
    }
    checkTokens(hf);
    ObjectNode image = JSON.createObjectNode();
    image.put("tile_size", tile);
    image.put("longest_edge", Math.max(longest, tile));
    image.put("image_splitting", pre.path("do_image_splitting").asBoolean(true));
    ArrayNode mean = image.putArray("mean");
    ArrayNode std = image.putArray("std");
    for (int c = 0; c < 3; c++) {
      mean.add(pre.path("image_mean").path(c).asDouble(0.5));
      std.add(pre.path("image_std").path(c).asDouble(0.5));
    }
    image.put("resize", "lanczos3");
    image.put("tokens_per_tile", perTile);
    image.put("image_start", FAKE);
    image.put("image_context", IMAGE);
    image.put("image_end", FAKE);
    image.put("global_image", GLOBAL);
    return image;
  }

  /** The image tokens must be in the tokenizer, {@code <image>} at config's image_token_id. */
  private static void checkTokens(HfModelFolder hf) throws PackException {
    Path folder = hf.folder();
    try (HfTokenizer tokenizer = HfTokenizer.load(folder.resolve("tokenizer.json"))) {
      for (String t : List.of(FAKE, IMAGE, GLOBAL)) {
        try {
          tokenizer.tokenId(t);
        } catch (IllegalArgumentException e) {
          throw HfModelFolder.notImportable(folder, "its tokenizer.json has no " + t + " token");
        }
      }
      JsonNode id = hf.config().path("image_token_id");
      if (id.isIntegralNumber() && id.intValue() != tokenizer.tokenId(IMAGE)) {
        throw HfModelFolder.notImportable(
            folder,
            "config.json's image_token_id ("
                + id.intValue()
                + ") is not the tokenizer's "
                + IMAGE
                + " ("
                + tokenizer.tokenId(IMAGE)
                + ")");
      }
    } catch (IOException e) {
      throw HfModelFolder.notImportable(folder, "its tokenizer.json cannot be read");
    }
  }

  private static int positive(Path folder, JsonNode v, String field) throws PackException {
    if (!v.canConvertToInt() || v.intValue() <= 0) {
      throw HfModelFolder.notImportable(
          folder, "its configs give no positive whole number for " + field);
    }
    return v.intValue();
  }

  private static JsonNode optionalJson(Path folder, String file) throws PackException {
    Path p = folder.resolve(file);
    if (!Files.isRegularFile(p)) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = JSON.readTree(Files.readString(p));
      if (node == null || !node.isObject()) {
        throw HfModelFolder.notImportable(folder, file + " does not hold a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw HfModelFolder.notImportable(folder, file + " is not valid JSON");
    }
  }

  @Override
  public Path writeTo(Path staging) throws PackException {
    Map<String, Path> copied = new LinkedHashMap<>(graphs);
    copied.remove(PackManifest.DECODER);
    return ImportedPack.write(
        source.folder(),
        staging,
        graphs.get(PackManifest.DECODER),
        copied,
        List.of(
            "tokenizer_config.json",
            "config.json",
            "generation_config.json",
            "preprocessor_config.json",
            "processor_config.json"),
        manifest);
  }

  @Override
  public String toString() {
    return "Idefics3ModelImport[" + name + " from " + source.folder() + "]";
  }
}
