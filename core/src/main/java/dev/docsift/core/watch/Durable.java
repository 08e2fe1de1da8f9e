package dev.docsift.core.watch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Small file operations that keep their promise across a crash. */
final class Durable {
  private Durable() {}

  /**
   * Moves a file into a folder under a free name: {@code name}, else {@code base-1.ext}, … Never
   * replaces an existing file.
   *
   * @param source the file
   * @param dir the folder, created when missing
   * @param name the wanted name
   * @return where it went
   * @throws IOException when it cannot be moved
   */
  static Path moveFree(Path source, Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    for (int i = 0; ; i++) {
      Path target = dir.resolve(suffixed(name, i));
      if (Files.exists(target)) {
        continue;
      }
      try {
        // Without REPLACE_EXISTING the move refuses a taken name; on one file system it is a
        // rename, so the file is in exactly one place at every instant.
        Files.move(source, target);
        syncDir(dir);
        return target;
      } catch (FileAlreadyExistsException e) {
        // taken meanwhile: next name
      }
    }
  }

  /** {@code name} with {@code -i} before its extension ({@code a.pdf}, {@code a-1.pdf}). */
  static String suffixed(String name, int i) {
    if (i == 0) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? name + "-" + i : name.substring(0, dot) + "-" + i + name.substring(dot);
  }

  /**
   * Appends bytes to a file and syncs them.
   *
   * @param file the file, created when missing
   * @param bytes what to add
   * @throws IOException when it cannot be written
   */
  static void append(Path file, byte[] bytes) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ch.position(ch.size());
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(false);
    }
  }

  /**
   * Cuts a file back to a length, when it is longer.
   *
   * @param file the file; nothing happens when it is missing
   * @param length the length to keep
   * @throws IOException when it cannot be written
   */
  static void truncate(Path file, long length) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      if (ch.size() > length) {
        ch.truncate(length);
        ch.force(true);
      }
    }
  }

  /** Syncs a folder's entries, where the platform allows it (Linux); elsewhere does nothing. */
  static void syncDir(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a folder as a channel; a rename there is durable enough for a crash.
    }
  }
}
