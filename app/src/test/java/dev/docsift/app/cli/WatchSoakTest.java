package dev.docsift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A soak of 1000 small files through {@code docsift watch --once} in a child JVM; prints the
 * summary line (files/s, peak RSS). Not part of the normal test run: enable it with {@code
 * -Ddocsift.soak=true}.
 */
@EnabledIfSystemProperty(named = "docsift.soak", matches = "true")
class WatchSoakTest {
  @TempDir Path dir;

  @Test
  void thousandSmallFiles() throws Exception {
    int files = Integer.getInteger("docsift.soak.files", 1000);
    Path inbox = Files.createDirectories(dir.resolve("in"));
    for (int i = 0; i < files; i++) {
      WatchCrashTest.writePng(inbox.resolve(String.format("doc-%04d.png", i)), i);
    }
    Process p = WatchCrashTest.watcher(dir, inbox, dir.resolve("out"), "jsonl", "soak.log", true);
    assertThat(p.waitFor(20, TimeUnit.MINUTES)).isTrue();
    String log = Files.readString(dir.resolve("soak.log"), StandardCharsets.UTF_8);
    String summary = log.lines().filter(l -> l.startsWith("watch:")).findFirst().orElse(log);
    System.out.println("SOAK " + files + " files, 2 workers: " + summary);
    assertThat(p.exitValue()).as(log).isZero();
  }
}
