package dev.docsift.slm.pack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.slm.fixtures.TestFixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds packs for tests: arbitrary files with a correct manifest, or copies of the tiny pack. */
final class FakePacks {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** The real tiny pack of the test fixtures (ONNX graphs, tokenizer). */
  static final String TINY = "tiny-pack";

  private FakePacks() {}

  /** Whether the tiny pack with real ONNX graphs is present. */
  static boolean tinyPresent() {
    return TestFixtures.present(TINY)
        && Files.isRegularFile(tiny().resolve("pack.json"))
        && Files.isRegularFile(tiny().resolve("decoder.onnx"));
  }

  /** The real tiny pack's folder, which tests must not change (see {@link #copyTiny}). */
  static Path tiny() {
    return TestFixtures.folder(TINY);
  }

  /** A valid pack.json (text family) for the three given files; hashes filled by {@link #write}. */
  static ObjectNode manifest(String name) {
    try {
      return (ObjectNode)
          MAPPER.readTree(
              """
              {
                "format": 1, "name": "%s", "version": "1", "license": "Apache-2.0",
                "family": "text", "weight_type": "int4-block32",
                "files": {
                  "decoder": {"path": "decoder.onnx", "sha256": "%s"},
                  "embed_tokens": {"path": "embed_tokens.onnx", "sha256": "%s"},
                  "tokenizer": {"path": "tok/tokenizer.json", "sha256": "%s"}
                },
                "tokens": {"bos_id": null, "eos_ids": [2], "stop_ids": [2], "pad_id": 0},
                "chat_template": "<|prompt|>{query}<|end|><|answer|>",
                "decoder": {
                  "vocab_size": 320, "hidden": 64, "layers": 2, "attention_heads": 4,
                  "kv_heads": 2, "head_size": 16, "max_context": 512,
                  "inputs_embeds": "inputs_embeds", "attention_mask": "attention_mask",
                  "position_ids": "position_ids",
                  "past_key": "past_key_values.%%d.key", "past_value": "past_key_values.%%d.value",
                  "logits": "logits",
                  "present_key": "present.%%d.key", "present_value": "present.%%d.value"
                },
                "image": null
              }
              """
                  .formatted(name, "0".repeat(64), "0".repeat(64), "0".repeat(64)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes a pack with arbitrary (non-ONNX) file contents and correct hashes. */
  static Path write(Path folder, String name) throws IOException {
    return write(folder, name, m -> {});
  }

  /**
   * Writes a pack with arbitrary file contents, correct hashes, then lets {@code edit} change it.
   */
  static Path write(Path folder, String name, Consumer<ObjectNode> edit) throws IOException {
    ObjectNode m = manifest(name);
    Files.createDirectories(folder.resolve("tok"));
    Files.writeString(folder.resolve("decoder.onnx"), "decoder weights of " + name);
    Files.writeString(folder.resolve("embed_tokens.onnx"), "embedding weights of " + name);
    Files.writeString(folder.resolve("tok/tokenizer.json"), "{\"model\": \"" + name + "\"}");
    rehash(folder, m);
    edit.accept(m);
    Files.writeString(folder.resolve("pack.json"), m.toPrettyString());
    return folder;
  }

  /** Sets every file's sha256 in {@code m} to the hash of the file in {@code folder}. */
  static void rehash(Path folder, ObjectNode m) throws IOException {
    var files = (ObjectNode) m.get("files");
    for (var e : files.properties()) {
      Path file = folder.resolve(e.getValue().get("path").asText());
      ((ObjectNode) e.getValue()).put("sha256", Sha256.of(file));
    }
  }

  /** Copies the tiny pack to {@code folder}, with its manifest edited by {@code edit}. */
  static Path copyTiny(Path folder, Consumer<ObjectNode> edit) throws IOException {
    TestFixtures.copy(TINY, folder);
    ObjectNode m = (ObjectNode) MAPPER.readTree(folder.resolve("pack.json").toFile());
    edit.accept(m);
    Files.writeString(folder.resolve("pack.json"), m.toPrettyString());
    return folder;
  }

  /** Zips a folder's files under {@code prefix} (such as {@code "pack/"} or {@code ""}). */
  static Path zip(Path folder, Path zip, String prefix) throws IOException {
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out);
        Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        z.putNextEntry(new ZipEntry(prefix + folder.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, z);
        z.closeEntry();
      }
    }
    return zip;
  }

  /** A zip holding the given entries, each with its text. */
  static Path zipOf(Path zip, String... namesAndTexts) throws IOException {
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out)) {
      for (int i = 0; i < namesAndTexts.length; i += 2) {
        z.putNextEntry(new ZipEntry(namesAndTexts[i]));
        z.write(namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return zip;
  }
}
