package dev.docsift.slm.pack.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.docsift.errors.ErrorCode;
import dev.docsift.slm.pack.PackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A model as Hugging Face publishes it, downloaded into a folder: {@code config.json}, {@code
 * generation_config.json}, {@code tokenizer.json}, {@code tokenizer_config.json} (with the Jinja
 * {@code chat_template}, or a {@code chat_template.jinja} beside it) and the README's licence.
 * Reads what a pack needs from them; every missing or malformed file is a {@link
 * ErrorCode#MODEL_NOT_IMPORTABLE} naming it.
 *
 * @param folder the download
 * @param config config.json
 * @param generation generation_config.json, or a missing node when the folder has none
 * @param tokenizerConfig tokenizer_config.json
 */
record HfModelFolder(Path folder, JsonNode config, JsonNode generation, JsonNode tokenizerConfig) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static HfModelFolder read(Path folder) throws PackException {
    if (!Files.isDirectory(folder)) {
      throw new PackException(
          ErrorCode.MODEL_NOT_FOUND, "There is no model folder at " + folder + ".");
    }
    JsonNode config = json(folder, "config.json", true);
    JsonNode generation = json(folder, "generation_config.json", false);
    JsonNode tokenizerConfig = json(folder, "tokenizer_config.json", true);
    if (!Files.isRegularFile(folder.resolve("tokenizer.json"))) {
      throw notImportable(
          folder,
          "it has no tokenizer.json (download the model's tokenizer files with its ONNX graphs)");
    }
    return new HfModelFolder(folder, config, generation, tokenizerConfig);
  }

  private static JsonNode json(Path folder, String name, boolean required) throws PackException {
    Path file = folder.resolve(name);
    try {
      JsonNode node = JSON.readTree(Files.readString(file));
      if (node == null || !node.isObject()) {
        throw notImportable(folder, name + " does not hold a JSON object");
      }
      return node;
    } catch (NoSuchFileException e) {
      if (required) {
        throw notImportable(folder, "it has no " + name);
      }
      return MissingNode.getInstance();
    } catch (JsonProcessingException e) {
      throw notImportable(folder, name + " is not valid JSON");
    } catch (IOException e) {
      throw new PackException(
          ErrorCode.MODEL_IO, "Cannot read " + file + ": " + e.getMessage() + ".", e);
    }
  }

  /** A positive whole number from config.json (or its {@code text_config}), or the fallback. */
  int size(String field, int fallback) throws PackException {
    JsonNode v = config.path(field);
    if (v.isMissingNode() || v.isNull()) {
      v = config.path("text_config").path(field);
    }
    if (v.isMissingNode() || v.isNull()) {
      if (fallback > 0) {
        return fallback;
      }
      throw notImportable(folder, "config.json has no " + field);
    }
    if (!v.canConvertToInt() || v.intValue() <= 0) {
      throw notImportable(folder, "config.json's " + field + " is not a positive whole number");
    }
    return v.intValue();
  }

  /**
   * Whether config.json describes an InternVL chat model (InternVL2, H2OVL-Mississippi): {@code
   * InternVLChatModel} or {@code H2OVLChatModel} among its architectures, or model type {@code
   * internvl_chat} / {@code h2ovl_chat}. Such a model is released as safetensors, not as an ONNX
   * export, and becomes a pack through scripts/vision/convert_internvl.py.
   */
  boolean isInternVlRelease() {
    for (JsonNode a : config.path("architectures")) {
      if (a.asText().equals("InternVLChatModel") || a.asText().equals("H2OVLChatModel")) {
        return true;
      }
    }
    return modelType().equals("internvl_chat") || modelType().equals("h2ovl_chat");
  }

  /** config.json's {@code model_type}, such as {@code qwen2} or {@code llama}. */
  String modelType() {
    return config.path("model_type").asText("unknown");
  }

  /**
   * The Jinja chat template: tokenizer_config.json's, else chat_template.json's, else
   * chat_template.jinja's.
   */
  String chatTemplate() throws PackException {
    JsonNode t = tokenizerConfig.path("chat_template");
    if (t.isTextual()) {
      return t.asText();
    }
    if (t.isArray()) { // named templates: the default one
      for (JsonNode named : t) {
        if (named.path("name").asText().equals("default")) {
          return named.path("template").asText();
        }
      }
    }
    // Vision models' processors keep it in chat_template.json ({"chat_template": "..."}).
    JsonNode processorTemplate = json(folder, "chat_template.json", false).path("chat_template");
    if (processorTemplate.isTextual()) {
      return processorTemplate.asText();
    }
    Path jinja = folder.resolve("chat_template.jinja");
    if (Files.isRegularFile(jinja)) {
      try {
        return Files.readString(jinja);
      } catch (IOException e) {
        throw new PackException(
            ErrorCode.MODEL_IO, "Cannot read " + jinja + ": " + e.getMessage() + ".", e);
      }
    }
    throw notImportable(
        folder,
        "it has no chat template (tokenizer_config.json's chat_template, chat_template.json or"
            + " chat_template.jinja):"
            + " a base model that was not tuned to follow instructions cannot fill a schema");
  }

  /** A special token's string from tokenizer_config.json (plain or {@code {"content": ...}}). */
  String specialToken(String field) {
    JsonNode t = tokenizerConfig.path(field);
    if (t.isTextual()) {
      return t.asText();
    }
    if (t.isObject() && t.path("content").isTextual()) {
      return t.path("content").asText();
    }
    return null;
  }

  /** Every id given for a field in generation_config.json, then in config.json (int or list). */
  Set<Integer> ids(String field) {
    Set<Integer> out = new LinkedHashSet<>();
    for (JsonNode source : List.of(generation, config)) {
      JsonNode v = source.path(field);
      List<JsonNode> values = new ArrayList<>();
      if (v.isArray()) {
        v.forEach(values::add);
      } else {
        values.add(v);
      }
      for (JsonNode id : values) {
        if (id.isIntegralNumber() && id.intValue() >= 0) {
          out.add(id.intValue());
        }
      }
    }
    return out;
  }

  /** The licence in the README's front matter ({@code license: apache-2.0}), or null. */
  String license() {
    Path readme = folder.resolve("README.md");
    try {
      List<String> lines = Files.readAllLines(readme);
      if (lines.isEmpty() || !lines.getFirst().strip().equals("---")) {
        return null;
      }
      for (String line : lines.subList(1, lines.size())) {
        if (line.strip().equals("---")) {
          break;
        }
        if (line.startsWith("license:")) {
          String value = line.substring("license:".length()).strip();
          return value.isEmpty() ? null : value.toLowerCase(Locale.ROOT);
        }
      }
    } catch (IOException e) {
      return null; // no README, or an unreadable one: the licence is simply unknown
    }
    return null;
  }

  static PackException notImportable(Path folder, String why) {
    return new PackException(
        ErrorCode.MODEL_NOT_IMPORTABLE,
        "The folder " + folder + " cannot be imported as a model pack: " + why + ".");
  }
}
