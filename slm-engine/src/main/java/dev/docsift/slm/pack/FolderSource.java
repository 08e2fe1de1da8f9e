package dev.docsift.slm.pack;

import dev.docsift.errors.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Installs a pack from a pack folder on disk: its pack.json and the files that pack.json names are
 * copied into the store's staging folder, and nothing else. The copy is verified by the store like
 * any other source before it becomes visible.
 */
final class FolderSource implements PackStore.PackSource {
  private final Path folder;

  /**
   * A source that copies a folder.
   *
   * @param folder the pack folder, holding a pack.json
   */
  FolderSource(Path folder) {
    this.folder = folder;
  }

  @Override
  public Path writeTo(Path staging) throws PackException {
    PackManifest manifest = PackManifest.read(folder.resolve(PackManifest.FILE_NAME));
    Path target = staging.resolve("pack");
    try {
      Files.createDirectories(target);
      Files.copy(folder.resolve(PackManifest.FILE_NAME), target.resolve(PackManifest.FILE_NAME));
      // Only what the manifest names: model folders often hold other exports worth gigabytes.
      for (PackManifest.FileEntry entry : manifest.files().values()) {
        Path from = folder.resolve(entry.path());
        if (!Files.isRegularFile(from)) {
          throw new PackException(
              ErrorCode.MODEL_FILE_MISSING,
              "The pack folder " + folder + " lacks the file " + entry.path() + ".");
        }
        Path to = target.resolve(entry.path());
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw PackFiles.io("Cannot copy the pack from " + folder, e);
    }
    return target;
  }
}
