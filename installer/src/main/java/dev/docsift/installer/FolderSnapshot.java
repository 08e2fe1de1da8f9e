package dev.docsift.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a folder holds, to tell what a run changed in it (an app must not write where it is
 * installed).
 */
final class FolderSnapshot {
  private FolderSnapshot() {}

  /** Every file under a folder with its size and modification time. */
  static Map<Path, String> of(Path root) throws IOException {
    Map<Path, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        files.put(
            root.relativize(p),
            Files.isDirectory(p) ? "dir" : Files.size(p) + " " + Files.getLastModifiedTime(p));
      }
    }
    return files;
  }

  static String changes(Map<Path, String> before, Map<Path, String> after) {
    List<String> out = new ArrayList<>();
    after.forEach(
        (p, v) -> {
          if (!v.equals(before.get(p))) {
            out.add(p.toString());
          }
        });
    before.keySet().stream()
        .filter(p -> !after.containsKey(p))
        .forEach(p -> out.add(p + " (gone)"));
    return String.join(", ", out.subList(0, Math.min(out.size(), 20)));
  }

  static String topLevel(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return "nothing";
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
      return names.isEmpty() ? "nothing" : String.join(", ", names);
    }
  }
}
