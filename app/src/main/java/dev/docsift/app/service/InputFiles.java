package dev.docsift.app.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a drop or an open dialog adds to the queue: files as given (an unsupported one fails on its
 * own row, saying why), and for a folder every supported file in it and its subfolders, by name.
 */
public final class InputFiles {
  /** The extensions of the kinds docsift reads. */
  public static final List<String> EXTENSIONS = List.of("pdf", "png", "jpg", "jpeg", "tif", "tiff");

  private InputFiles() {}

  /**
   * Expands dropped or chosen paths.
   *
   * @param paths files and folders
   * @return the files, each once, in the order given, a folder's files sorted by path; hidden files
   *     and folders inside a folder are skipped
   * @throws UncheckedIOException when a folder cannot be listed
   */
  public static List<Path> expand(List<Path> paths) {
    Set<Path> out = new LinkedHashSet<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        out.addAll(supportedIn(p));
      } else {
        out.add(p.toAbsolutePath().normalize());
      }
    }
    return new ArrayList<>(out);
  }

  /** Whether a file's name has a supported extension. */
  public static boolean supported(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1));
  }

  private static List<Path> supportedIn(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> !hidden(dir, p))
          .filter(Files::isRegularFile)
          .filter(InputFiles::supported)
          .map(p -> p.toAbsolutePath().normalize())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hidden(Path root, Path p) {
    for (Path part : root.relativize(p)) {
      if (part.toString().startsWith(".")) {
        return true; // dot files, and the watch's .done/ and .failed/ folders
      }
    }
    return false;
  }
}
