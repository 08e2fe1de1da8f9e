package dev.docsift.installer;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finding and running the JDK's tools and the system's. */
final class Tools {
  private static final boolean WINDOWS = Platform.current().isWindows();

  /** The outcome of a run whose output was kept. */
  record Result(int exitCode, String out, String err, long millis) {}

  private Tools() {}

  /**
   * A tool of the JDK that runs this build.
   *
   * @param name {@code jlink}, {@code jpackage}, {@code jdeps}
   * @return its executable, or empty when this JDK lacks it
   */
  static Optional<Path> jdk(String name) {
    Path p = Path.of(System.getProperty("java.home"), "bin", WINDOWS ? name + ".exe" : name);
    return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
  }

  /**
   * A program on PATH.
   *
   * @param name its name, without {@code .exe}
   * @return where it is, or empty
   */
  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path p = Path.of(dir, WINDOWS ? name + ".exe" : name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Runs a command whose output goes to the build's log.
   *
   * @param command the command
   * @param environment variables to set for it (on top of this process's)
   * @throws IOException when it cannot start
   * @throws InterruptedException when interrupted while it runs
   * @throws IllegalStateException when it fails
   */
  static void run(List<String> command, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    pb.environment().putAll(environment);
    int code = pb.start().waitFor();
    if (code != 0) {
      throw new IllegalStateException(
          Path.of(command.get(0)).getFileName()
              + " failed (exit "
              + code
              + "); its messages are above. The command: "
              + String.join(" ", command));
    }
  }

  /**
   * Runs a command and keeps what it prints.
   *
   * @param command the command
   * @param dir its working folder
   * @param environment its whole environment
   * @param timeoutSeconds how long it may take
   * @return the exit code, standard output and error, and how long it took
   * @throws IOException when it cannot start
   * @throws InterruptedException when interrupted while it runs
   * @throws IllegalStateException when it runs past the timeout
   */
  static Result capture(
      List<String> command, Path dir, Map<String, String> environment, long timeoutSeconds)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("docsift-installer", ".out");
    Path err = Files.createTempFile("docsift-installer", ".err");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(new ArrayList<>(command))
              .directory(dir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      pb.environment().clear();
      pb.environment().putAll(environment);
      long start = System.nanoTime();
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new IllegalStateException(
            "'" + String.join(" ", command) + "' did not finish within " + timeoutSeconds + " s.");
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8),
          millis);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
