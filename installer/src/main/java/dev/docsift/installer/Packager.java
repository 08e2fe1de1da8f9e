package dev.docsift.installer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds the installers for the platform it runs on: stages the app's jars without other platforms'
 * natives, links a runtime of the JDK modules the app needs (checked against jdeps), makes the app
 * image with jpackage, then the platform's installer (.deb, .msi, .dmg) where its tools are
 * installed. A missing tool skips what needs it, with a sentence saying what to install; a failure
 * fails the build.
 *
 * <p>Run by the installer module's {@code package} phase; its arguments are {@code key=value}:
 * {@code version} (the Maven version), {@code build} (the module's build folder, holding {@code
 * app/} as the app module lays it out), {@code config} ({@code installer/src/jpackage}), {@code
 * release} (the Java release the jars are compiled for), and optionally {@code deb-maintainer},
 * {@code deb-compression} and {@code mac-version}.
 */
public final class Packager {
  /** What the smoke test reads to find what was built. */
  static final String MANIFEST = "installer.properties";

  private final Platform platform = Platform.current();
  private final Map<String, String> args;
  private final Path build;
  private final Path config;

  private Packager(Map<String, String> args) {
    this.args = args;
    this.build = Path.of(required(args, "build")).toAbsolutePath();
    this.config = Path.of(required(args, "config")).toAbsolutePath();
  }

  /**
   * Builds the installers.
   *
   * @param args {@code key=value} pairs, see the class comment
   * @throws Exception when a step fails
   */
  public static void main(String[] args) throws Exception {
    new Packager(keyValues(args)).build();
  }

  private void build() throws IOException, InterruptedException {
    Path manifest = build.resolve(MANIFEST);
    Files.deleteIfExists(manifest);
    Optional<Path> jlink = Tools.jdk("jlink");
    Optional<Path> jpackage = Tools.jdk("jpackage");
    Optional<Path> jdeps = Tools.jdk("jdeps");
    if (jlink.isEmpty() || jpackage.isEmpty() || jdeps.isEmpty()) {
      log(
          "skipped: the JDK at "
              + System.getProperty("java.home")
              + " has no jlink, jdeps or jpackage (a JRE, or a JDK without its tools). Build with a"
              + " full JDK 21 or newer to get the installers.");
      return;
    }
    if (JpackageOptions.installerType(platform).isEmpty()) {
      log("skipped: jpackage builds nothing for " + platform + ".");
      return;
    }
    int runtimeFeature = Runtime.version().feature();
    AppVersion version = AppVersion.of(required(args, "version"));
    String platformVersion = version.forPlatform(platform, args.get("mac-version"));
    if (!platformVersion.equals(version.toString())) {
      log(
          "the "
              + platform
              + " build is marked "
              + platformVersion
              + ": jpackage refuses "
              + version
              + " there (see AppVersion).");
    }
    log("building for " + platform + " with the JDK " + Runtime.version() + " at " + javaHome());

    Path input = stage();
    RuntimeModules modules = RuntimeModules.read(config.resolve("runtime-modules.txt"));
    checkModules(jdeps.get(), input, modules);
    Path runtime = link(jlink.get(), modules);

    Path resources = clean(build.resolve("jpackage-resources"));
    JpackageOptions.Inputs in =
        new JpackageOptions.Inputs(
            platform,
            platformVersion,
            runtimeFeature,
            input,
            runtime,
            config,
            resources,
            args.getOrDefault("deb-maintainer", ""));
    Path images = clean(build.resolve("jpackage"));
    List<String> imageCommand = new ArrayList<>(List.of(jpackage.get().toString()));
    imageCommand.addAll(JpackageOptions.appImage(in, images));
    Tools.run(imageCommand, Map.of());
    Path appImage = images.resolve(platform.isMac() ? "docsift.app" : "docsift");
    log("app image: " + appImage + " (" + mb(size(appImage)) + ")");

    Properties built = new Properties();
    built.setProperty("platform", platform.toString());
    built.setProperty("version", platformVersion);
    built.setProperty("app-image", appImage.toString());
    Optional<String> missing = installerToolsMissing();
    if (missing.isPresent()) {
      log("no " + JpackageOptions.installerType(platform).orElseThrow() + ": " + missing.get());
    } else {
      Path installers = clean(build.resolve("installers"));
      if (platform.isLinux()) {
        Files.copy(config.resolve("linux/docsift.desktop"), resources.resolve("docsift.desktop"));
        DebScripts.write(
            resources, JpackageOptions.LINUX_LAUNCHER, JpackageOptions.LINUX_COMMAND_LINK);
      }
      List<String> command = new ArrayList<>(List.of(jpackage.get().toString()));
      command.addAll(JpackageOptions.installer(in, appImage, installers));
      long start = System.nanoTime();
      Tools.run(command, packagingEnvironment());
      Path installer = single(installers);
      log(
          "installer: "
              + installer
              + " ("
              + mb(Files.size(installer))
              + ", made in "
              + (System.nanoTime() - start) / 1_000_000_000
              + " s)");
      built.setProperty("installer", installer.toString());
    }
    try (OutputStream out = Files.newOutputStream(manifest)) {
      built.store(out, "What the installer module built; its smoke test reads this.");
    }
  }

  /**
   * Copies the app ({@code build/app}: {@code docsift-app.jar} and {@code lib/}) into jpackage's
   * input folder, each jar without other platforms' natives.
   */
  private Path stage() throws IOException {
    Path app = build.resolve("app");
    Path input = clean(build.resolve("jpackage-input"));
    Path lib = Files.createDirectories(input.resolve("lib"));
    Files.copy(app.resolve(JpackageOptions.MAIN_JAR), input.resolve(JpackageOptions.MAIN_JAR));
    JarTrimmer trimmer = new JarTrimmer(platform);
    long before = 0;
    long dropped = 0;
    int moved = 0;
    for (Path jar : list(app.resolve("lib"))) {
      Path copy = lib.resolve(jar.getFileName());
      before += Files.size(jar);
      JarTrimmer.Trimmed t = trimmer.copy(jar, copy);
      if (t.entries() > 0) {
        log(
            "  "
                + jar.getFileName()
                + ": "
                + t.entries()
                + " entries this platform does not use left out ("
                + mb(t.bytes())
                + ")");
        dropped += t.bytes();
      }
      if (jar.getFileName().toString().startsWith("javafx-")) {
        moved += trimmer.moveJavaFxNatives(copy);
      }
    }
    log(
        "staged the app: "
            + mb(before)
            + " of jars, "
            + mb(dropped)
            + " of it not used on this platform left out"
            + (moved > 0 ? "; " + moved + " JavaFX natives beside their jar" : ""));
    return input;
  }

  /** Fails when jdeps finds a JDK module the app's jars use that the runtime list does not name. */
  private void checkModules(Path jdeps, Path input, RuntimeModules modules)
      throws IOException, InterruptedException {
    List<String> command =
        List.of(
            jdeps.toString(),
            "-q",
            "--print-module-deps",
            "--ignore-missing-deps",
            "--recursive",
            "--multi-release",
            required(args, "release"),
            "--class-path",
            input.resolve("lib") + java.io.File.separator + "*",
            input.resolve(JpackageOptions.MAIN_JAR).toString());
    Tools.Result r = Tools.capture(command, build, System.getenv(), 300);
    if (r.exitCode() != 0) {
      throw new IllegalStateException(
          "jdeps failed (exit " + r.exitCode() + "): " + r.err() + r.out());
    }
    Set<String> unlisted = modules.unlisted(r.out());
    if (!unlisted.isEmpty()) {
      throw new IllegalStateException(
          "The app's jars use JDK modules the bundled runtime leaves out: "
              + String.join(", ", unlisted)
              + ". Add each to installer/src/jpackage/runtime-modules.txt, to be linked, or as"
              + " '-module' with the reason it is not needed.");
    }
    log("runtime modules: " + modules.addModules() + " (jdeps finds nothing more)");
  }

  private Path link(Path jlink, RuntimeModules modules) throws IOException, InterruptedException {
    Path runtime = build.resolve("runtime");
    clean(runtime);
    Files.delete(runtime); // jlink makes the folder itself
    Tools.run(
        List.of(
            jlink.toString(),
            "--add-modules",
            modules.addModules(),
            "--output",
            runtime.toString(),
            // Not --strip-debug: on Linux it strips natives with objcopy, which a bare machine
            // lacks, and the JDK's natives carry no debug sections anyway.
            "--strip-java-debug-attributes",
            "--no-header-files",
            "--no-man-pages",
            "--compress",
            "zip-6"),
        Map.of());
    log("runtime: " + runtime + " (" + mb(size(runtime)) + ")");
    return runtime;
  }

  /** Why the installer cannot be made here, if it cannot: a packaging tool is missing. */
  private Optional<String> installerToolsMissing() {
    if (platform.isLinux()) {
      List<String> missing =
          Stream.of("dpkg-deb", "fakeroot").filter(t -> Tools.onPath(t).isEmpty()).toList();
      return missing.isEmpty()
          ? Optional.empty()
          : Optional.of(
              "jpackage needs "
                  + String.join(" and ", missing)
                  + " for a .deb (Debian, Ubuntu: apt-get install fakeroot). The app image is"
                  + " built.");
    }
    if (platform.isWindows()) {
      // WiX 3 (candle and light) for every jpackage; WiX 4 or newer (wix) from JDK 24 on. Like
      // jpackage, look on PATH and in WiX 3's install folders.
      boolean wix3 =
          Tools.onPath("candle").isPresent() && Tools.onPath("light").isPresent()
              || wix3Installed();
      boolean wix4 = Runtime.version().feature() >= 24 && Tools.onPath("wix").isPresent();
      return wix3 || wix4
          ? Optional.empty()
          : Optional.of(
              "jpackage needs the WiX Toolset on PATH for an .msi (https://wixtoolset.org). The"
                  + " app image is built.");
    }
    return Optional.empty(); // macOS: hdiutil is part of the system
  }

  private static boolean wix3Installed() {
    for (String root :
        new String[] {System.getenv("ProgramFiles(x86)"), System.getenv("ProgramFiles")}) {
      if (root == null || !Files.isDirectory(Path.of(root))) {
        continue;
      }
      try (Stream<Path> dirs = Files.list(Path.of(root))) {
        if (dirs.filter(d -> d.getFileName().toString().startsWith("WiX Toolset v3"))
            .map(d -> d.resolve("bin"))
            .anyMatch(
                b ->
                    Files.isRegularFile(b.resolve("candle.exe"))
                        && Files.isRegularFile(b.resolve("light.exe")))) {
          return true;
        }
      } catch (IOException e) {
        // an unreadable folder holds no WiX we could use
      }
    }
    return false;
  }

  /**
   * The .deb's compression, {@code deb-compression} (gzip unless told otherwise). Its content is
   * compressed already (jars, the runtime's jimage): dpkg's default, xz, makes it 6 % smaller (80.7
   * MB instead of 85.7 MB) and takes five times as long (51 s instead of 10 s on two cores), so
   * builds and CI use gzip and the release workflow xz. dpkg 1.21.10 and newer read this variable;
   * older ones keep their default, xz.
   */
  private Map<String, String> packagingEnvironment() {
    Map<String, String> env = new HashMap<>();
    if (platform.isLinux()) {
      String compression = args.getOrDefault("deb-compression", "");
      env.put("DPKG_DEB_COMPRESSOR_TYPE", compression.isBlank() ? "gzip" : compression);
    }
    return env;
  }

  private static Path single(Path dir) throws IOException {
    List<Path> files = list(dir);
    if (files.size() != 1) {
      throw new IllegalStateException("Expected one installer in " + dir + ", found " + files);
    }
    return files.get(0);
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  static long size(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    }
  }

  /** Empties a folder, making it if needed. */
  static Path clean(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          if (!p.equals(dir)) {
            Files.delete(p);
          }
        }
      }
    }
    return Files.createDirectories(dir);
  }

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  static void log(String message) {
    System.out.println("[installer] " + message);
    System.out.flush();
  }

  private static String javaHome() {
    return System.getProperty("java.home");
  }

  static Map<String, String> keyValues(String[] args) {
    Map<String, String> map = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("Expected key=value, got: " + a);
      }
      map.put(a.substring(0, eq), a.substring(eq + 1));
    }
    return map;
  }

  static String required(Map<String, String> args, String key) {
    String v = args.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("Missing argument " + key + "=...");
    }
    return v;
  }
}
