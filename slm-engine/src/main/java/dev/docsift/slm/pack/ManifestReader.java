package dev.docsift.slm.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.errors.ErrorCode;
import dev.docsift.slm.decoder.DecoderSpec;
import dev.docsift.slm.pack.PackManifest.Family;
import dev.docsift.slm.pack.PackManifest.FileEntry;
import dev.docsift.slm.pack.PackManifest.ImageSpec;
import dev.docsift.slm.pack.PackManifest.Tokens;
import dev.docsift.slm.pack.PackManifest.WeightType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Walks pack.json field by field so that every problem names its field ("decoder.hidden must be a
 * positive whole number"), which Jackson's data binding cannot do well.
 */
final class ManifestReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  private ManifestReader() {}

  static PackManifest parse(String json) throws PackException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw invalid(
          "pack.json is not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    }
    if (root == null || !root.isObject()) {
      throw invalid("pack.json must hold a JSON object");
    }
    int format = integer(root, "format", "");
    if (format != PackManifest.FORMAT) {
      throw invalid(
          "pack.json has format "
              + format
              + " but this docsift reads format "
              + PackManifest.FORMAT
              + " only");
    }
    String name = string(root, "name", "");
    if (!PackManifest.isValidName(name)) {
      throw invalid(
          "name \""
              + name
              + "\" must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or"
              + " digit");
    }
    String version = string(root, "version", "");
    String license = optionalString(root, "license", "");
    String familyText = string(root, "family", "");
    Family family = Family.fromJson(familyText);
    if (family == null) {
      throw invalid("family \"" + familyText + "\" is unknown: use text, internvl or idefics3");
    }
    String weightText = string(root, "weight_type", "");
    WeightType weightType = WeightType.fromJson(weightText);
    if (weightType == null) {
      throw invalid(
          "weight_type \"" + weightText + "\" is unknown: use fp32, fp16, int8 or int4-block32");
    }
    Map<String, FileEntry> files = files(object(root, "files", ""));
    DecoderSpec decoder = decoder(object(root, "decoder", ""));
    if (decoder.readsTokenIds() && family.isVision()) {
      throw invalid(
          "decoder.input_ids is for a decoder that embeds its own tokens; family "
              + family.json()
              + " splices image embeddings and needs decoder.inputs_embeds");
    }
    List<String> required = new ArrayList<>(List.of(PackManifest.DECODER, PackManifest.TOKENIZER));
    if (!decoder.readsTokenIds()) {
      required.add(PackManifest.EMBED_TOKENS);
    }
    if (family.isVision()) {
      required.add(PackManifest.VISION_ENCODER);
    }
    for (String role : required) {
      if (!files.containsKey(role)) {
        throw invalid(
            "files."
                + role
                + " is missing"
                + (role.equals(PackManifest.VISION_ENCODER)
                    ? " (family " + family.json() + " needs a vision encoder)"
                    : ""));
      }
    }
    Tokens tokens = tokens(object(root, "tokens", ""));
    String chatTemplate = string(root, "chat_template", "");
    if (!chatTemplate.contains("{query}")) {
      throw invalid("chat_template must contain {query}, where the instruction goes");
    }
    ImageSpec image = null;
    JsonNode imageNode = root.get("image");
    if (imageNode != null && !imageNode.isNull()) {
      image = ImageSpecReader.read(object(root, "image", ""), family);
    } else if (family.isVision()) {
      throw invalid("image is missing (family " + family.json() + " needs image settings)");
    }
    return new PackManifest(
        format,
        name,
        version,
        license,
        family,
        weightType,
        files,
        tokens,
        chatTemplate,
        decoder,
        image);
  }

  private static Map<String, FileEntry> files(JsonNode node) throws PackException {
    Map<String, FileEntry> files = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String prefix = "files." + e.getKey() + ".";
      if (!e.getValue().isObject()) {
        throw invalid("files." + e.getKey() + " must be an object with path and sha256");
      }
      String path = string(e.getValue(), "path", prefix);
      checkPath(path, prefix + "path");
      String sha = string(e.getValue(), "sha256", prefix);
      if (!SHA256.matcher(sha).matches()) {
        throw invalid(prefix + "sha256 must be 64 hex digits, not \"" + sha + "\"");
      }
      files.put(e.getKey(), new FileEntry(path, sha.toLowerCase(Locale.ROOT)));
    }
    return files;
  }

  /**
   * Refuses a path that could leave the pack folder or mean different files on different systems.
   */
  static void checkPath(String path, String field) throws PackException {
    String why = null;
    if (path.isEmpty()) {
      why = "is empty";
    } else if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
      why = "is absolute";
    } else if (path.contains("\\")) {
      why = "uses '\\' (use '/')";
    } else if (path.indexOf('\0') >= 0) {
      why = "holds a NUL character";
    } else {
      for (String part : path.split("/", -1)) {
        if (part.equals("..")) {
          why = "leaves the pack folder";
          break;
        }
        if (part.isEmpty() || part.equals(".")) {
          why = "has an empty or '.' part";
          break;
        }
      }
    }
    if (why == null && path.equals(PackManifest.FILE_NAME)) {
      why = "names the manifest itself";
    }
    if (why != null) {
      throw invalid(field + " \"" + path + "\" " + why + "; paths must stay inside the pack");
    }
  }

  private static Tokens tokens(JsonNode node) throws PackException {
    Integer bos = null;
    JsonNode bosNode = node.get("bos_id");
    if (bosNode != null && !bosNode.isNull()) {
      bos = integer(node, "bos_id", "tokens.");
    }
    List<Integer> eos = ids(node, "eos_ids");
    List<Integer> stop = ids(node, "stop_ids");
    int pad = integer(node, "pad_id", "tokens.");
    return new Tokens(bos, eos, stop, pad);
  }

  private static List<Integer> ids(JsonNode node, String field) throws PackException {
    JsonNode array = node.get(field);
    if (array == null || array.isNull()) {
      throw invalid("tokens." + field + " is missing");
    }
    if (!array.isArray() || array.isEmpty()) {
      throw invalid("tokens." + field + " must be a non-empty array of token ids");
    }
    List<Integer> ids = new ArrayList<>();
    for (JsonNode id : array) {
      if (!id.canConvertToInt() || !id.isIntegralNumber() || id.intValue() < 0) {
        throw invalid("tokens." + field + " must hold token ids (whole numbers from 0), not " + id);
      }
      ids.add(id.intValue());
    }
    return ids;
  }

  private static DecoderSpec decoder(JsonNode node) throws PackException {
    String p = "decoder.";
    int vocab = positive(node, "vocab_size", p);
    int hidden = positive(node, "hidden", p);
    int layers = positive(node, "layers", p);
    int heads = positive(node, "attention_heads", p);
    int kvHeads = positive(node, "kv_heads", p);
    int headSize = positive(node, "head_size", p);
    int maxContext = positive(node, "max_context", p);
    if (heads % kvHeads != 0) {
      throw invalid(
          "decoder.attention_heads ("
              + heads
              + ") must be a multiple of decoder.kv_heads ("
              + kvHeads
              + ")");
    }
    String inputIds = optionalString(node, "input_ids", p);
    if (inputIds != null && node.hasNonNull("inputs_embeds")) {
      throw invalid("decoder takes input_ids or inputs_embeds, not both");
    }
    String seqlensK = optionalString(node, "seqlens_k", p);
    String totalLength = optionalString(node, "total_sequence_length", p);
    if ((seqlensK == null) != (totalLength == null)) {
      throw invalid(
          "decoder.seqlens_k and decoder.total_sequence_length go together (a shared KV cache)");
    }
    DecoderSpec.SharedKv shared =
        seqlensK == null ? null : new DecoderSpec.SharedKv(seqlensK, totalLength);
    if (shared != null && node.hasNonNull("attention_mask")) {
      throw invalid(
          "a decoder with a shared KV cache (decoder.seqlens_k) takes no decoder.attention_mask");
    }
    return new DecoderSpec(
        vocab,
        hidden,
        layers,
        heads,
        kvHeads,
        headSize,
        maxContext,
        inputIds,
        inputIds == null ? string(node, "inputs_embeds", p) : null,
        shared == null ? string(node, "attention_mask", p) : null,
        string(node, "position_ids", p),
        layerPattern(node, "past_key"),
        layerPattern(node, "past_value"),
        string(node, "logits", p),
        layerPattern(node, "present_key"),
        layerPattern(node, "present_value"),
        shared);
  }

  /** A per-layer name: exactly one {@code %d} and no other format directive. */
  private static String layerPattern(JsonNode node, String field) throws PackException {
    String value = string(node, field, "decoder.");
    String rest = value.replace("%d", "");
    if (value.length() - rest.length() != 2 || rest.contains("%")) {
      throw invalid(
          "decoder."
              + field
              + " \""
              + value
              + "\" must contain %d exactly once (for the layer) and no other %");
    }
    return value;
  }

  static JsonNode object(JsonNode node, String field, String prefix) throws PackException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw invalid(prefix + field + " is missing");
    }
    if (!value.isObject()) {
      throw invalid(prefix + field + " must be an object, not " + describe(value));
    }
    return value;
  }

  static String string(JsonNode node, String field, String prefix) throws PackException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw invalid(prefix + field + " is missing");
    }
    if (!value.isTextual() || value.textValue().isEmpty()) {
      throw invalid(prefix + field + " must be a non-empty string, not " + describe(value));
    }
    return value.textValue();
  }

  private static String optionalString(JsonNode node, String field, String prefix)
      throws PackException {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : string(node, field, prefix);
  }

  private static int integer(JsonNode node, String field, String prefix) throws PackException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw invalid(prefix + field + " is missing");
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw invalid(prefix + field + " must be a whole number, not " + describe(value));
    }
    return value.intValue();
  }

  static int positive(JsonNode node, String field, String prefix) throws PackException {
    int value = integer(node, field, prefix);
    if (value <= 0) {
      throw invalid(prefix + field + " must be a positive whole number, not " + value);
    }
    return value;
  }

  private static String describe(JsonNode value) {
    String text = value.toString();
    String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
    return value.getNodeType().toString().toLowerCase(Locale.ROOT) + " " + shown;
  }

  static PackException invalid(String sentence) {
    return new PackException(ErrorCode.MODEL_INVALID, "Invalid pack.json: " + sentence + ".");
  }
}
