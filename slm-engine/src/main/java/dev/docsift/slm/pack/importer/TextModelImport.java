package dev.docsift.slm.pack.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.slm.pack.PackException;
import dev.docsift.slm.pack.PackManifest;
import dev.docsift.slm.pack.PackStore;
import dev.docsift.slm.prompt.ChatTemplate;
import dev.docsift.slm.tokenizer.HfTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Imports a public text LLM as a {@code text} pack: the ONNX export in the transformers.js /
 * Optimum layout ({@code onnx/model_q4.onnx} and its siblings, inputs {@code input_ids}, {@code
 * attention_mask}, {@code position_ids}, {@code past_key_values.N.key|value}; outputs {@code
 * logits}, {@code present.N.key|value}) with its tokenizer and configs, as Hugging Face publishes
 * Qwen2.5-0.5B-Instruct or SmolLM2-360M-Instruct.
 *
 * <p>The pack's manifest comes from the folder's own files: sizes from config.json, stop tokens
 * from generation_config.json and tokenizer_config.json, and the chat template rendered once by
 * {@link ChatTemplate} into docsift's {@code {query}} form. The chosen graph is written into the
 * pack with its weights in an external file ({@link ExternalWeights}: faster to open, mapped
 * instead of copied) and the tokenizer and config files are copied; the store then verifies the
 * graph against the manifest before the pack becomes visible.
 */
public final class TextModelImport implements ModelImport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Which of the export's graphs becomes the pack's decoder. */
  public enum Weights {
    /** 4-bit weights in blocks of 32 ({@code MatMulNBits}): the smallest and, on a CPU, fast. */
    Q4("q4", PackManifest.WeightType.INT4_BLOCK32, "model_q4.onnx", "model_q4f16.onnx"),
    /** 8-bit weights. */
    INT8(
        "int8",
        PackManifest.WeightType.INT8,
        "model_int8.onnx",
        "model_quantized.onnx",
        "model_uint8.onnx"),
    /** The exported float weights. */
    FP32("fp32", PackManifest.WeightType.FP32, "model.onnx"),
    /** Half-precision weights: for accelerators; slow on most CPUs. */
    FP16("fp16", PackManifest.WeightType.FP16, "model_fp16.onnx");

    private final String tag;
    private final PackManifest.WeightType type;
    private final List<String> files;

    /** The graph names' endings after {@code model}, such as {@code _q4}, in preference order. */
    List<String> suffixes() {
      return files.stream()
          .map(f -> f.substring("model".length(), f.length() - ".onnx".length()))
          .toList();
    }

    /** The pack's weight type. */
    PackManifest.WeightType type() {
      return type;
    }

    Weights(String tag, PackManifest.WeightType type, String... files) {
      this.tag = tag;
      this.type = type;
      this.files = List.of(files);
    }

    /** The name users give, as in {@code --weights q4}. */
    public String tag() {
      return tag;
    }

    /**
     * Parses a user's name for the weights.
     *
     * @param tag q4, int8, fp32 or fp16 (any case)
     * @return the weights
     * @throws IllegalArgumentException for any other name
     */
    public static Weights parse(String tag) {
      for (Weights w : values()) {
        if (w.tag.equalsIgnoreCase(tag)) {
          return w;
        }
      }
      throw new IllegalArgumentException(
          "Unknown weights '" + tag + "': use q4, int8, fp32 or fp16.");
    }
  }

  /** What a vision model's chat template writes for an image part. */
  static final String IMAGE_PART = "<image>";

  private final HfModelFolder source;
  private final String name;
  private final Weights weights;
  private final Path graph; // relative to the folder
  private final ObjectNode manifest;

  private TextModelImport(
      HfModelFolder source, String name, Weights weights, Path graph, ObjectNode manifest) {
    this.source = source;
    this.name = name;
    this.weights = weights;
    this.graph = graph;
    this.manifest = manifest;
  }

  /**
   * Reads a downloaded model folder and plans its pack.
   *
   * @param folder the download (config.json, tokenizer files, {@code onnx/})
   * @param name the pack's name, or null for the folder's name and the weights
   * @param weights which graph to take, or null for the first present of q4, int8, fp32, fp16
   * @return the planned import, ready for {@link PackStore#install(PackStore.PackSource, boolean)}
   * @throws PackException NOT_FOUND when there is no such folder, NOT_IMPORTABLE naming what the
   *     folder lacks (a config, the tokenizer, a chat template, the asked graph) or, for an
   *     InternVL safetensors release, the converter command to run instead, IO
   */
  public static TextModelImport plan(Path folder, String name, Weights weights)
      throws PackException {
    HfModelFolder hf = HfModelFolder.read(folder);
    if (hf.isInternVlRelease()) {
      throw HfModelFolder.notImportable(
          folder,
          "it is an InternVL model ("
              + hf.modelType()
              + ") released as safetensors, which docsift runs once converted: in docsift's source"
              + " tree run /usr/bin/python3 scripts/vision/convert_internvl.py --in "
              + folder
              + " --out PACKDIR (Python with PyTorch, onnx and numpy), then docsift models install"
              + " PACKDIR");
    }
    Weights chosen = weights;
    Path graph = null;
    for (Weights w : weights == null ? List.of(Weights.values()) : List.of(weights)) {
      for (String file : w.files) {
        Path candidate = Path.of("onnx", file);
        if (graph == null && Files.isRegularFile(folder.resolve(candidate))) {
          graph = candidate;
          chosen = w;
        }
      }
    }
    if (graph == null) {
      throw HfModelFolder.notImportable(
          folder,
          weights == null
              ? "it has no onnx/model*.onnx graph (docsift runs the ONNX export of a model, as"
                  + " published beside it in an onnx/ folder)"
              : "it has no "
                  + weights.tag()
                  + " graph ("
                  + String.join(" or ", weights.files)
                  + ")");
    }
    String packName = name != null ? name : defaultName(folder, chosen);
    return new TextModelImport(
        hf, packName, chosen, graph, manifest(hf, packName, PackManifest.Family.TEXT, chosen.type));
  }

  @Override
  public String name() {
    return name;
  }

  /** The weights taken. */
  public Weights weights() {
    return weights;
  }

  @Override
  public Path graph() {
    return graph;
  }

  static String defaultName(Path folder, Weights weights) {
    String base = folder.toAbsolutePath().normalize().getFileName().toString();
    String clean = base.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[^A-Za-z0-9]+", "");
    if (clean.isEmpty()) {
      clean = "model";
    }
    String suffix = "-" + weights.tag();
    return (clean.length() + suffix.length() > 64
            ? clean.substring(0, 64 - suffix.length())
            : clean)
        + suffix;
  }

  /**
   * The manifest of an imported model from its configs, without an image section: a text model's
   * decoder reads {@code input_ids}; a vision family's reads {@code inputs_embeds} and its chat
   * template is rendered around an image and a text part.
   */
  static ObjectNode manifest(
      HfModelFolder hf, String name, PackManifest.Family family, PackManifest.WeightType type)
      throws PackException {
    boolean text = family == PackManifest.Family.TEXT;
    int hidden = hf.size("hidden_size", 0);
    int heads = hf.size("num_attention_heads", 0);
    int kvHeads = hf.size("num_key_value_heads", heads);
    int headSize = hf.size("head_dim", heads > 0 && hidden % heads == 0 ? hidden / heads : 0);
    int vocab = hf.size("vocab_size", 0);
    ObjectNode m = JSON.createObjectNode();
    m.put("format", PackManifest.FORMAT);
    m.put("name", name);
    m.put("version", "1");
    String license = hf.license();
    if (license == null) {
      m.putNull("license");
    } else {
      m.put("license", license);
    }
    m.put("family", family.json());
    m.put("weight_type", type.json());
    m.putObject("files"); // filled in by writeTo, with each file's hash
    String bos = hf.specialToken("bos_token");
    String eos = hf.specialToken("eos_token");
    ObjectNode tokens = m.putObject("tokens");
    // The chat template writes the BOS where the model wants one, as transformers does.
    tokens.putNull("bos_id");
    Set<Integer> stops = stopIds(hf, eos, vocab);
    ArrayNode eosIds = tokens.putArray("eos_ids");
    ArrayNode stopIds = tokens.putArray("stop_ids");
    stops.forEach(id -> eosIds.add(id));
    stops.forEach(id -> stopIds.add(id));
    Set<Integer> pads = hf.ids("pad_token_id");
    tokens.put("pad_id", pads.isEmpty() ? stops.iterator().next() : pads.iterator().next());
    try {
      ChatTemplate template = new ChatTemplate(hf.chatTemplate(), bos, eos);
      m.put(
          "chat_template",
          text ? template.queryTemplate() : template.imageQueryTemplate(IMAGE_PART));
    } catch (IllegalArgumentException e) {
      throw HfModelFolder.notImportable(hf.folder(), e.getMessage());
    }
    ObjectNode d = m.putObject("decoder");
    d.put("vocab_size", vocab);
    d.put("hidden", hidden);
    d.put("layers", hf.size("num_hidden_layers", 0));
    d.put("attention_heads", heads);
    d.put("kv_heads", kvHeads);
    d.put("head_size", headSize);
    d.put("max_context", hf.size("max_position_embeddings", 0));
    d.put(text ? "input_ids" : "inputs_embeds", text ? "input_ids" : "inputs_embeds");
    d.put("attention_mask", "attention_mask");
    d.put("position_ids", "position_ids");
    d.put("past_key", "past_key_values.%d.key");
    d.put("past_value", "past_key_values.%d.value");
    d.put("logits", "logits");
    d.put("present_key", "present.%d.key");
    d.put("present_value", "present.%d.value");
    m.putNull("image");
    return m;
  }

  /** The EOS ids of the configs and the id of the tokenizer's EOS string, all in the vocabulary. */
  static Set<Integer> stopIds(HfModelFolder hf, String eos, int vocab) throws PackException {
    Set<Integer> stops = new LinkedHashSet<>(hf.ids("eos_token_id"));
    if (eos != null) {
      try (HfTokenizer tokenizer = HfTokenizer.load(hf.folder().resolve("tokenizer.json"))) {
        stops.add(tokenizer.tokenId(eos));
      } catch (IOException e) {
        throw HfModelFolder.notImportable(hf.folder(), "its tokenizer.json cannot be read");
      } catch (IllegalArgumentException e) {
        throw HfModelFolder.notImportable(
            hf.folder(), "tokenizer_config.json's eos_token " + eos + " is not in tokenizer.json");
      }
    }
    stops.removeIf(id -> id >= vocab);
    if (stops.isEmpty()) {
      throw HfModelFolder.notImportable(
          hf.folder(), "no end-of-sequence token is given (eos_token_id or eos_token)");
    }
    return stops;
  }

  @Override
  public Path writeTo(Path staging) throws PackException {
    return ImportedPack.write(
        source.folder(),
        staging,
        graph,
        Map.of(),
        List.of("tokenizer_config.json", "config.json", "generation_config.json"),
        manifest);
  }

  @Override
  public String toString() {
    return "TextModelImport[" + Objects.toString(name) + " from " + source.folder() + "]";
  }
}
