package dev.docsift.installer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Runs what the installer module built as a user would: on Linux the .deb unpacked into a temporary
 * root ({@code dpkg-deb -x}), elsewhere the app image. Its {@code docsift extract} reads a sample
 * with the bundled runtime, with no JDK on PATH, no {@code JAVA_HOME}, no {@code OMP_THREAD_LIMIT}
 * and a fresh home folder, and must print the same JSON as the source build (the app's jars on this
 * JDK, as the {@code docsift} script runs them), timings aside. It must write nothing into its
 * install folder. Where {@code xvfb-run} is installed, the window opens too. A failure fails the
 * build with what differed.
 *
 * <p>The slm engine's natives (ONNX Runtime, the tokenizers) and TLS are checked too: {@code
 * docsift models install} fetches a tiny model pack from an https server on the loopback address,
 * and {@code docsift extract --engine slm} with it must print what the source build prints.
 *
 * <p>Arguments ({@code key=value}): {@code build} (the module's build folder), {@code sample} (the
 * document to read), {@code version} (the Maven version {@code --version} must print), {@code pack}
 * (a model pack folder; the slm check is skipped without it).
 */
public final class SmokeTest {
  private static final long TIMEOUT_S = 300;
  private final Path build;
  private final Path sample;
  private final String version;
  private final Path pack;
  private final Platform platform = Platform.current();
  private final Path work;
  private final SmokeEnvironment environments;

  private SmokeTest(Map<String, String> args) {
    build = Path.of(Packager.required(args, "build")).toAbsolutePath();
    sample = Path.of(Packager.required(args, "sample")).toAbsolutePath();
    version = Packager.required(args, "version");
    pack = args.containsKey("pack") ? Path.of(args.get("pack")).toAbsolutePath() : null;
    work = build.resolve("smoke-test");
    environments = new SmokeEnvironment(work, platform);
  }

  /**
   * Runs the smoke test.
   *
   * @param args {@code key=value} pairs, see the class comment
   * @throws Exception when it cannot run, or what it runs fails
   */
  public static void main(String[] args) throws Exception {
    new SmokeTest(Packager.keyValues(args)).run();
  }

  private void run() throws IOException, InterruptedException {
    Path manifest = build.resolve(Packager.MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      log("skipped: nothing was built to test (the [installer] lines above say why).");
      return;
    }
    Properties built = new Properties();
    try (InputStream in = Files.newInputStream(manifest)) {
      built.load(in);
    }
    Packager.clean(work);
    Path launcher;
    Path installRoot;
    String installer = built.getProperty("installer");
    if (platform.isLinux() && installer != null) {
      Path root = Files.createDirectories(work.resolve("root"));
      Tools.run(List.of("dpkg-deb", "-x", installer, root.toString()), Map.of());
      installRoot = root.resolve(JpackageOptions.LINUX_INSTALL_DIR.substring(1)).resolve("docsift");
      launcher = root.resolve(JpackageOptions.LINUX_LAUNCHER.substring(1));
      log("testing " + Path.of(installer).getFileName() + ", unpacked into " + root);
    } else {
      installRoot = Path.of(built.getProperty("app-image"));
      launcher =
          switch (platform.os()) {
            case MAC -> installRoot.resolve("Contents/MacOS/docsift");
            case WINDOWS -> installRoot.resolve("docsift-cli.exe");
            default -> installRoot.resolve("bin/docsift");
          };
      log("testing the app image " + installRoot + " (no installer was built here)");
    }
    Map<Path, String> before = FolderSnapshot.of(installRoot);
    List<String> failures = new ArrayList<>();

    // --version: the launcher starts on the bundled runtime, and the jars are this build's.
    Tools.Result v =
        Tools.capture(
            List.of(launcher.toString(), "--version"),
            work,
            environments.installed("home-version"),
            TIMEOUT_S);
    if (v.exitCode() != 0 || !v.out().contains(version)) {
      failures.add(
          "'docsift --version' exited "
              + v.exitCode()
              + " and printed '"
              + v.out().strip()
              + "', not "
              + version
              + (v.exitCode() != 0 ? ": " + v.err().strip() : ""));
    }

    // extract: cold (a fresh install, a fresh home), then the source build for comparison.
    Path home = work.resolve("home-extract");
    Tools.Result installed =
        Tools.capture(
            List.of(launcher.toString(), "extract", sample.toString()),
            work,
            environments.installed("home-extract"),
            TIMEOUT_S);
    Tools.Result source =
        Tools.capture(
            sourceCommand(List.of("extract", sample.toString())),
            work,
            environments.source("home-source"),
            TIMEOUT_S);
    JsonNode installedJson = json("the installed app", installed, failures);
    JsonNode sourceJson = json("the source build", source, failures);
    if (installedJson != null && sourceJson != null) {
      List<String> differences = JsonComparison.differences(installedJson, sourceJson);
      if (!differences.isEmpty()) {
        failures.add(
            "the installed app's JSON differs from the source build's:\n    "
                + String.join("\n    ", differences));
      }
      log(
          "docsift extract "
              + sample.getFileName()
              + ": installed "
              + installed.millis()
              + " ms (OCR "
              + installedJson.path("timings_ms").path("ocr")
              + " ms, without OMP_THREAD_LIMIT in its environment), source build "
              + source.millis()
              + " ms (OCR "
              + sourceJson.path("timings_ms").path("ocr")
              + " ms, OMP_THREAD_LIMIT=1)");
    }
    log("the installed app's home folder after extract holds: " + FolderSnapshot.topLevel(home));

    slm(launcher, failures);
    window(launcher, failures);

    Map<Path, String> after = FolderSnapshot.of(installRoot);
    if (!after.equals(before)) {
      failures.add(
          "the app wrote into its install folder: " + FolderSnapshot.changes(before, after));
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException(
          "The installer smoke test FAILED:\n  - " + String.join("\n  - ", failures));
    }
    log("passed: the installed docsift extract prints what the source build prints.");
  }

  /**
   * Installs the tiny pack over https with the installed app, then reads the sample with it on the
   * slm engine, installed and from source.
   */
  private void slm(Path launcher, List<String> failures) throws IOException, InterruptedException {
    if (pack == null || !Files.isRegularFile(pack.resolve("pack.json"))) {
      log("slm engine: skipped (no model pack given)");
      return;
    }
    Path models = work.resolve("models");
    String name = pack.getFileName().toString();
    try (LoopbackHttps server = LoopbackHttps.serve(pack, work.resolve("tls"))) {
      Map<String, String> env = environments.installed("home-models");
      SmokeEnvironment.put(
          env, "JAVA_TOOL_OPTIONS", env.get("JAVA_TOOL_OPTIONS") + " " + server.trustOptions());
      Tools.Result install =
          Tools.capture(
              List.of(
                  launcher.toString(),
                  "models",
                  "install",
                  server.url(name),
                  "--models-dir",
                  models.toString()),
              work,
              env,
              TIMEOUT_S);
      if (install.exitCode() != 0) {
        failures.add(
            "docsift models install over https exited "
                + install.exitCode()
                + ": "
                + install.err().strip());
        return;
      }
    }
    List<String> args =
        List.of(
            "extract",
            sample.toString(),
            "--engine",
            "slm",
            "--model",
            name,
            "--models-dir",
            models.toString(),
            "--ep",
            "cpu");
    List<String> installedCommand = new ArrayList<>(List.of(launcher.toString()));
    installedCommand.addAll(args);
    Tools.Result installed =
        Tools.capture(installedCommand, work, environments.installed("home-slm"), TIMEOUT_S);
    Tools.Result source =
        Tools.capture(sourceCommand(args), work, environments.source("home-slm-source"), TIMEOUT_S);
    JsonNode installedJson = json("the installed app (slm engine)", installed, failures);
    JsonNode sourceJson = json("the source build (slm engine)", source, failures);
    if (installedJson != null && sourceJson != null) {
      List<String> differences = JsonComparison.differences(installedJson, sourceJson);
      if (!differences.isEmpty()) {
        failures.add(
            "with the slm engine, the installed app's JSON differs from the source build's:\n    "
                + String.join("\n    ", differences));
      }
      log(
          "slm engine: installed "
              + name
              + " over https and read "
              + sample.getFileName()
              + " with it in "
              + installed.millis()
              + " ms (source build "
              + source.millis()
              + " ms); home folder after: "
              + FolderSnapshot.topLevel(work.resolve("home-slm")));
    }
  }

  /**
   * Opens the window under Xvfb, where it is installed: once to time its first frame, once to read
   * the sample and write a PNG.
   */
  private void window(Path launcher, List<String> failures)
      throws IOException, InterruptedException {
    Optional<Path> xvfbRun = Tools.onPath("xvfb-run");
    if (!platform.isLinux() || xvfbRun.isEmpty()) {
      log("window: skipped (needs Linux and xvfb-run: apt-get install xvfb libgtk-3-0)");
      return;
    }
    Tools.Result first = underXvfb(xvfbRun.get(), launcher, List.of("gui", "--startup-report"));
    String frame =
        first.err().lines().filter(l -> l.startsWith("docsift window:")).findFirst().orElse("");
    if (first.exitCode() != 0 || frame.isEmpty()) {
      failures.add(
          "the window did not report its first frame (exit "
              + first.exitCode()
              + "): "
              + first.err());
      return;
    }
    log("window: " + frame.substring("docsift window: ".length()) + " (cold start, Xvfb)");
    Path png = work.resolve("window.png");
    Tools.Result r =
        underXvfb(
            xvfbRun.get(),
            launcher,
            List.of("gui", "--screenshot", png.toString(), sample.toString()));
    if (r.exitCode() != 0 || !Files.isRegularFile(png)) {
      failures.add(
          "the window did not open and read the sample (exit " + r.exitCode() + "): " + r.err());
      return;
    }
    Path home = work.resolve("home-window");
    if (Files.exists(home.resolve(".openjfx"))) {
      failures.add("JavaFX unpacked its natives into the home folder instead of using the app's");
    }
    log(
        "window: opened, read the sample and wrote "
            + png.getFileName()
            + " in "
            + r.millis()
            + " ms; home folder after: "
            + FolderSnapshot.topLevel(home));
  }

  /** Runs the installed launcher under {@code xvfb-run} with the installed app's environment. */
  private Tools.Result underXvfb(Path xvfbRun, Path launcher, List<String> args)
      throws IOException, InterruptedException {
    Map<String, String> env = environments.installed("home-window");
    // xvfb-run is a shell script and needs the system's PATH; the app gets the stripped one.
    Map<String, String> outer = new HashMap<>(env);
    SmokeEnvironment.put(outer, "PATH", SmokeEnvironment.systemPath());
    List<String> command = new ArrayList<>();
    command.add(xvfbRun.toString());
    command.add("-a");
    command.add("/usr/bin/env");
    command.add("PATH=" + env.get("PATH"));
    command.add(launcher.toString());
    command.addAll(args);
    return Tools.capture(command, work, outer, TIMEOUT_S);
  }

  private List<String> sourceCommand(List<String> args) {
    Path app = build.resolve("app");
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.addAll(JpackageOptions.javaOptions(Runtime.version().feature()));
    c.add("-cp");
    c.add(
        app.resolve(JpackageOptions.MAIN_JAR)
            + File.pathSeparator
            + app.resolve("lib")
            + File.separator
            + "*");
    c.add(JpackageOptions.MAIN_CLASS);
    c.addAll(args);
    return c;
  }

  private static JsonNode json(String who, Tools.Result r, List<String> failures) {
    if (r.exitCode() != 0) {
      failures.add(who + ": docsift extract exited " + r.exitCode() + ": " + r.err().strip());
      return null;
    }
    try {
      return new ObjectMapper().readTree(r.out());
    } catch (IOException e) {
      failures.add(who + " printed no JSON: " + r.out() + r.err());
      return null;
    }
  }

  private static void log(String message) {
    System.out.println("[installer smoke test] " + message);
    System.out.flush();
  }
}
