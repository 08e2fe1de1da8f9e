package dev.docsift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.samples.SampleFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kill -9} a watcher in a child JVM mid-batch, restart it, and check that every input ended
 * with exactly one result: none lost, none duplicated.
 */
class WatchCrashTest {
  private static final int FILES = 200;

  @TempDir Path dir;

  static void writePng(Path target, int n) throws Exception {
    BufferedImage page = new BufferedImage(600, 300, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 600, 300);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 32));
    g.drawString("Cafe " + n, 40, 80);
    g.drawString("TOTAL 9.00", 40, 200);
    g.dispose();
    SampleFiles.writePng(page, 150, target);
  }

  static Process watcher(Path dir, Path inbox, Path outbox, String format, String log, boolean once)
      throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.docsift.app.Main",
                "watch",
                inbox.toString(),
                "--out",
                outbox.toString(),
                "--format",
                format,
                "--settle-ms",
                "200",
                "--concurrency",
                "2",
                // The crash-recovery timings are set for Tesseract's speed (see the closing note on
                // the auto reader in a small-heap child JVM).
                "--ocr",
                "tesseract"));
    if (once) {
      cmd.add("--once");
    }
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(log).toFile())
            .start();
    p.getOutputStream().close();
    return p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"jsonl", "json"})
  @Timeout(value = 110, unit = TimeUnit.SECONDS)
  void killDashNineMidBatchThenRestartGivesExactlyOnce(String format) throws Exception {
    assumeThat(Tesseract.installed()).as("tesseract-ocr is not installed").isTrue();
    Path inbox = Files.createDirectories(dir.resolve("in"));
    Path outbox = dir.resolve("out");
    for (int i = 0; i < FILES; i++) {
      writePng(inbox.resolve(String.format("doc-%03d.png", i)), i);
    }
    Process first = watcher(dir, inbox, outbox, format, "first.log", false);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (count(inbox.resolve(".done")) < FILES / 4 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    first.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
    first.waitFor(10, TimeUnit.SECONDS);
    long doneAtKill = count(inbox.resolve(".done"));
    assertThat(doneAtKill).as(Files.readString(dir.resolve("first.log"))).isBetween(1L, FILES - 1L);

    Process second = watcher(dir, inbox, outbox, format, "second.log", true);
    assertThat(second.waitFor(90, TimeUnit.SECONDS)).as("the restart finished").isTrue();
    String log = Files.readString(dir.resolve("second.log"), StandardCharsets.UTF_8);
    assertThat(second.exitValue()).as(log).isZero();

    assertThat(count(inbox.resolve(".done"))).isEqualTo(FILES);
    assertThat(count(inbox.resolve(".failed"))).isZero();
    try (Stream<Path> left = Files.list(inbox)) {
      assertThat(left.filter(Files::isRegularFile)).isEmpty();
    }
    List<String> lines = new ArrayList<>();
    if (format.equals("jsonl")) {
      lines.addAll(Files.readAllLines(outbox.resolve("results.jsonl"), StandardCharsets.UTF_8));
    } else {
      try (Stream<Path> outs = Files.list(outbox)) {
        for (Path p : outs.filter(p -> p.toString().endsWith(".json")).toList()) {
          lines.add(Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }
    Set<String> files = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      JsonNode result = json.readTree(line); // a torn result would throw here
      files.add(result.path("source").path("file").asText());
    }
    assertThat(lines).as("one result per input, none duplicated").hasSize(FILES);
    assertThat(files).as("every input has its result").hasSize(FILES);
  }

  private static long count(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }
}
