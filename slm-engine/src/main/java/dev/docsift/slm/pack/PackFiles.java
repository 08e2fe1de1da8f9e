package dev.docsift.slm.pack;

import dev.docsift.errors.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * File helpers that the store, its install sources and {@link ModelPack} share: measuring a pack
 * folder, deleting staging leftovers, and turning an {@link IOException} into a {@link
 * PackException} whose message a user can act on.
 */
final class PackFiles {
  private PackFiles() {}

  /** Bytes of every regular file under a folder. */
  static long sizeOf(Path folder) throws PackException {
    try (Stream<Path> files = Files.walk(folder)) {
      long total = 0;
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p)) {
          total += Files.size(p);
        }
      }
      return total;
    } catch (IOException | UncheckedIOException e) {
      throw new PackException(
          ErrorCode.MODEL_IO, "Cannot measure " + folder + ": " + e.getMessage() + ".", e);
    }
  }

  /** Deletes a file or folder tree, never following links; leftovers are not worth failing for. */
  static void deleteQuietly(Path path) {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // Left in .staging; harmless, and never visible as a pack.
    }
  }

  /** An IO failure: what could not be done, then the cause's message. */
  static PackException io(String what, IOException e) {
    return new PackException(ErrorCode.MODEL_IO, what + ": " + e.getMessage() + ".", e);
  }
}
