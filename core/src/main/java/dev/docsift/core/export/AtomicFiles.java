package dev.docsift.core.export;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader never sees half of one and nothing existing is replaced by
 * accident: bytes go to a temporary file in the same folder, which is then renamed into place.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Creates an empty temporary file in a folder, named {@code .PREFIX.RANDOM.tmp}, with the
   * permissions any new file gets there.
   *
   * <p>Not {@link Files#createTempFile}: it makes the file readable by its owner only, and the
   * rename would carry that into the result, which the downstream tools of an office, running as
   * other users, could then not read.
   *
   * @param dir the folder, which must exist
   * @param prefix the start of the name, usually the target's name
   * @return the new file
   * @throws IOException when the folder cannot be written
   */
  public static Path newTemporary(Path dir, String prefix) throws IOException {
    for (int attempt = 0; ; attempt++) {
      String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
      Path tmp = dir.resolve("." + prefix + "." + random + ".tmp");
      try {
        Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return tmp;
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 16) {
          throw e;
        }
      }
    }
  }

  /**
   * Writes a file atomically, replacing it if it exists.
   *
   * @param target the file
   * @param bytes its content
   * @throws IOException when the folder cannot be written
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = newTemporary(dir, target.getFileName().toString());
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Writes a new file atomically under a name that is free: {@code name.ext}, else {@code
   * name-1.ext}, {@code name-2.ext}, … Never replaces an existing file, even one created while
   * writing.
   *
   * @param dir the folder
   * @param baseName the name without extension
   * @param extension the extension without dot
   * @param bytes the content
   * @return the path written
   * @throws IOException when the folder cannot be written
   */
  public static Path writeNew(Path dir, String baseName, String extension, byte[] bytes)
      throws IOException {
    Files.createDirectories(dir);
    Path tmp = newTemporary(dir, baseName);
    try {
      Files.write(tmp, bytes);
      for (int i = 0; ; i++) {
        Path target = dir.resolve(baseName + (i == 0 ? "" : "-" + i) + "." + extension);
        if (Files.exists(target)) {
          continue;
        }
        try {
          // A hard link fails when the name is taken, so a racing writer cannot be overwritten.
          Files.createLink(target, tmp);
          return target;
        } catch (FileAlreadyExistsException e) {
          // taken meanwhile: try the next name
        } catch (UnsupportedOperationException | IOException e) {
          if (Files.exists(target)) {
            continue;
          }
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
          return target;
        }
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
