package dev.docsift.core.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the inbox's files that are completely written: a file is ready once its size and
 * modification time have stayed the same for the settle time. Polling, not change events, so it
 * works on network shares too; a file renamed into place is ready after one settle time.
 *
 * <p>Skips dot files and folders (so {@code .done/}, {@code .failed/}), and the names of files
 * still being written: {@code *.part}, {@code *.tmp}, {@code *.crdownload}, {@code ~$*}.
 *
 * <p>Not thread-safe: one scanning thread owns it.
 */
final class StableFiles {
  private record Seen(long size, long modified, long sinceNanos) {}

  private final Path inbox;
  private final boolean recursive;
  private final long settleNanos;
  private final Map<Path, Seen> seen = new HashMap<>();

  StableFiles(Path inbox, boolean recursive, Duration settle) {
    this.inbox = inbox;
    this.recursive = recursive;
    this.settleNanos = settle.toNanos();
  }

  /** Whether a file name looks like a temporary or hidden file that must not be read. */
  static boolean ignored(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return name.startsWith(".")
        || name.startsWith("~$")
        || lower.endsWith(".part")
        || lower.endsWith(".tmp")
        || lower.endsWith(".crdownload")
        || lower.endsWith(".error.json");
  }

  /**
   * Scans the inbox once.
   *
   * @return the files that are ready, in name order
   * @throws UncheckedIOException when the inbox cannot be listed
   */
  List<Path> scan() {
    long now = System.nanoTime();
    Set<Path> present = new HashSet<>();
    List<Path> ready = new ArrayList<>();
    try {
      Files.walkFileTree(
          inbox,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (dir.equals(inbox)) {
                return FileVisitResult.CONTINUE;
              }
              return recursive && !ignored(dir.getFileName().toString())
                  ? FileVisitResult.CONTINUE
                  : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (!attrs.isRegularFile() || ignored(file.getFileName().toString())) {
                return FileVisitResult.CONTINUE;
              }
              present.add(file);
              long modified = attrs.lastModifiedTime().toMillis();
              Seen before = seen.get(file);
              if (before == null
                  || before.size() != attrs.size()
                  || before.modified() != modified) {
                seen.put(file, new Seen(attrs.size(), modified, now));
              } else if (now - before.sinceNanos() >= settleNanos) {
                ready.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              // A file moved away between listing and reading: it is simply gone.
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      // the inbox vanished; nothing to do until it is back
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    seen.keySet().retainAll(present);
    ready.sort(null);
    return ready;
  }

  /** Whether some file was seen that is not ready yet. */
  boolean hasUnsettled(Set<Path> ready) {
    return seen.keySet().stream().anyMatch(p -> !ready.contains(p));
  }

  /** Forgets a file, so it must settle again before it is ready. */
  void forget(Path file) {
    seen.remove(file);
  }
}
