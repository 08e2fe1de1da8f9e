package dev.docsift.slm.pack.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.errors.ErrorCode;
import dev.docsift.slm.pack.PackException;
import dev.docsift.slm.pack.PackManifest;
import dev.docsift.slm.pack.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an imported model's pack: the decoder graph with its weights moved to an external file
 * ({@link ExternalWeights}), the other files copied, the configs the folder has, and pack.json with
 * every file's hash.
 */
final class ImportedPack {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ImportedPack() {}

  /**
   * Writes the pack into {@code staging/pack}.
   *
   * @param folder the model folder
   * @param staging the store's staging folder
   * @param decoder the decoder graph, relative to {@code folder}
   * @param copied other files by role (graphs), relative to {@code folder}
   * @param configs JSON files kept when present, each under its name without {@code .json}
   * @param manifest the manifest, its {@code files} filled in here
   * @return the pack folder
   * @throws PackException IO when a file cannot be copied, NOT_IMPORTABLE when ONNX Runtime cannot
   *     load the decoder
   */
  static Path write(
      Path folder,
      Path staging,
      Path decoder,
      Map<String, Path> copied,
      List<String> configs,
      ObjectNode manifest)
      throws PackException {
    Path pack = staging.resolve("pack");
    Path data = Path.of(decoder + "_data");
    Map<String, Path> files = new LinkedHashMap<>();
    files.put(PackManifest.DECODER, decoder);
    files.put(PackManifest.DECODER + "_data", data);
    files.putAll(copied);
    files.put(PackManifest.TOKENIZER, Path.of("tokenizer.json"));
    for (String kept : configs) {
      if (Files.isRegularFile(folder.resolve(kept))) {
        files.put(kept.substring(0, kept.length() - ".json".length()), Path.of(kept));
      }
    }
    ObjectNode m = manifest.deepCopy();
    ObjectNode entries = (ObjectNode) m.get("files");
    try {
      Files.createDirectories(pack.resolve(decoder).getParent());
      ExternalWeights.rewrite(
          folder.resolve(decoder), pack.resolve(decoder), data.getFileName().toString());
      for (Map.Entry<String, Path> e : files.entrySet()) {
        Path to = pack.resolve(e.getValue());
        if (!Files.exists(to)) {
          Files.createDirectories(to.getParent());
          Files.copy(folder.resolve(e.getValue()), to);
        }
        String path = e.getValue().toString().replace('\\', '/');
        entries.putObject(e.getKey()).put("path", path).put("sha256", Sha256.of(to));
      }
      Files.writeString(pack.resolve(PackManifest.FILE_NAME), JSON.writeValueAsString(m) + "\n");
    } catch (IOException e) {
      throw new PackException(
          ErrorCode.MODEL_IO,
          "Cannot copy the model from " + folder + ": " + e.getMessage() + ".",
          e);
    }
    return pack;
  }
}
