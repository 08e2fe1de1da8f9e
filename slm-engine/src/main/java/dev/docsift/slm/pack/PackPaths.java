package dev.docsift.slm.pack;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a verified pack's graphs and tokenizer are on disk.
 *
 * @param folder the pack folder
 * @param decoder the decoder graph
 * @param embedTokens the token embedding graph, or null when the decoder embeds its own tokens
 * @param tokenizer the Hugging Face tokenizer.json
 * @param visionEncoder the vision encoder graph, or null for a text pack
 */
public record PackPaths(
    Path folder, Path decoder, Path embedTokens, Path tokenizer, Path visionEncoder) {
  /** Validates. */
  public PackPaths {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(decoder, "decoder");
    Objects.requireNonNull(tokenizer, "tokenizer");
  }

  static PackPaths of(Path folder, PackManifest manifest) {
    PackManifest.FileEntry vision = manifest.file(PackManifest.VISION_ENCODER);
    PackManifest.FileEntry embed = manifest.file(PackManifest.EMBED_TOKENS);
    return new PackPaths(
        folder,
        folder.resolve(manifest.file(PackManifest.DECODER).path()),
        embed == null ? null : folder.resolve(embed.path()),
        folder.resolve(manifest.file(PackManifest.TOKENIZER).path()),
        vision == null ? null : folder.resolve(vision.path()));
  }
}
