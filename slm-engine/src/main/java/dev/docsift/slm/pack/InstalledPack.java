package dev.docsift.slm.pack;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A pack in the store as {@link PackStore#list()} sees it: read cheaply (pack.json and file sizes,
 * no hashing).
 *
 * @param name the folder name, which is the pack's name
 * @param folder the pack folder
 * @param manifest the pack's manifest, or null when pack.json cannot be read
 * @param sizeBytes bytes the folder takes
 * @param problem why pack.json cannot be read, or null
 */
public record InstalledPack(
    String name, Path folder, PackManifest manifest, long sizeBytes, String problem) {
  /** Validates. */
  public InstalledPack {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(folder, "folder");
    if ((manifest == null) == (problem == null)) {
      throw new IllegalArgumentException("exactly one of manifest and problem must be given");
    }
  }
}
