package dev.docsift.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JDK modules the bundled runtime holds, read from {@code runtime-modules.txt}: the ones it
 * links, and the ones jdeps finds uses of that it leaves out on purpose.
 *
 * @param included what jlink links
 * @param excluded what is left out although the app's jars refer to it
 */
record RuntimeModules(Set<String> included, Set<String> excluded) {
  /** Copies. */
  RuntimeModules {
    included = Set.copyOf(included);
    excluded = Set.copyOf(excluded);
  }

  /**
   * Reads the list.
   *
   * @param file {@code runtime-modules.txt}
   * @return the modules
   * @throws IOException when it cannot be read
   */
  static RuntimeModules read(Path file) throws IOException {
    Set<String> included = new LinkedHashSet<>();
    Set<String> excluded = new LinkedHashSet<>();
    for (String raw : Files.readAllLines(file)) {
      String line = raw.replaceFirst("#.*", "").trim();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("-")) {
        excluded.add(line.substring(1).trim());
      } else {
        included.add(line);
      }
    }
    if (!included.contains("java.base")) {
      throw new IllegalArgumentException(file + " must list java.base.");
    }
    return new RuntimeModules(included, excluded);
  }

  /**
   * The modules jdeps names that are on neither list.
   *
   * @param jdepsOutput what {@code jdeps --print-module-deps} printed: a comma-separated list
   * @return the unlisted modules, sorted; empty when the runtime covers what the jars use
   */
  Set<String> unlisted(String jdepsOutput) {
    Set<String> found = new TreeSet<>();
    for (String line : jdepsOutput.lines().toList()) {
      // jdeps may print warnings before the list; the list is the line of module names.
      if (line.matches("\\s*[\\w.]+(,[\\w.]+)*\\s*")) {
        Arrays.stream(line.trim().split(",")).forEach(found::add);
      }
    }
    found.removeAll(included);
    found.removeAll(excluded);
    return found;
  }

  /** The modules for jlink's {@code --add-modules}, sorted. */
  String addModules() {
    return String.join(",", new TreeSet<>(included));
  }
}
