package dev.docsift.installer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The environments the smoke test runs docsift in: a fresh home folder each, none of this process's
 * docsift or Java settings, and for the installed app no JDK in reach, so that a run passes only on
 * what the package itself brings.
 */
final class SmokeEnvironment {
  private final Path work;
  private final Platform platform;

  /**
   * Creates the environments.
   *
   * @param work the folder the home folders are made in
   * @param platform the platform's conventions (Windows' USERPROFILE)
   */
  SmokeEnvironment(Path work, Platform platform) {
    this.work = work;
    this.platform = platform;
  }

  /** The environment both runs share: this one, less what would make them differ. */
  private Map<String, String> base(String home) throws IOException {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.keySet()
        .removeIf(
            k ->
                k.startsWith("DOCSIFT_")
                    || k.startsWith("XDG_")
                    || k.equalsIgnoreCase("JAVA_TOOL_OPTIONS")
                    || List.of(
                            "_JAVA_OPTIONS",
                            "JDK_JAVA_OPTIONS",
                            "CLASSPATH",
                            "DISPLAY",
                            "WAYLAND_DISPLAY",
                            "DJL_CACHE_DIR")
                        .contains(k));
    Path dir = Files.createDirectories(work.resolve(home));
    put(env, "HOME", dir.toString());
    if (platform.isWindows()) {
      put(env, "USERPROFILE", dir.toString());
    }
    // Java takes its home folder (user.home: JavaFX's and the tokenizers' caches, docsift's
    // settings) from the user database, not from HOME, so the fresh one is given to it as well.
    put(env, "JAVA_TOOL_OPTIONS", "-Duser.home=" + dir);
    return env;
  }

  /** Sets a variable, replacing it whatever its case (Windows' names ignore case: Path, PATH). */
  static void put(Map<String, String> env, String key, String value) {
    env.keySet().removeIf(k -> k.equalsIgnoreCase(key));
    env.put(key, value);
  }

  /** As a user of the installed app runs it: no JDK anywhere in reach, no OpenMP limit set. */
  Map<String, String> installed(String home) throws IOException {
    Map<String, String> env = base(home);
    env.keySet()
        .removeIf(
            k ->
                k.equalsIgnoreCase("JAVA_HOME")
                    || k.equalsIgnoreCase("JDK_HOME")
                    || k.equalsIgnoreCase("OMP_THREAD_LIMIT"));
    put(env, "PATH", pathWithoutJava(systemPath()));
    return env;
  }

  /** As the docsift script runs a source build (it sets the OpenMP limit). */
  Map<String, String> source(String home) throws IOException {
    Map<String, String> env = base(home);
    put(env, "OMP_THREAD_LIMIT", "1");
    return env;
  }

  static String systemPath() {
    String path = System.getenv("PATH"); // any case on Windows
    return path == null ? "" : path;
  }

  /** PATH without every folder that holds a java (or java.exe), the JDK's or any other. */
  static String pathWithoutJava(String path) {
    List<String> kept = new ArrayList<>();
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      if (!Files.exists(Path.of(dir, "java")) && !Files.exists(Path.of(dir, "java.exe"))) {
        kept.add(dir);
      }
    }
    return String.join(File.pathSeparator, kept);
  }
}
