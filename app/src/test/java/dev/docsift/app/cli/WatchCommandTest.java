package dev.docsift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchCommandTest {
  @TempDir Path dir;

  @Test
  void theSlmEngineIsAClearUsageError() throws Exception {
    Files.createDirectories(dir.resolve("in"));
    CliRun run =
        CliRun.of(
            "watch",
            dir.resolve("in").toString(),
            "--out",
            dir.resolve("out").toString(),
            "--engine",
            "slm");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("vision-encoder");
    assertThat(run.showsStackTrace()).isFalse();
  }

  @Test
  void onceProcessesWhatIsThereAndExitsOneWhenSomethingFailed() throws Exception {
    assumeThat(Tesseract.installed()).as("tesseract-ocr is not installed").isTrue();
    Path inbox = Files.createDirectories(dir.resolve("in"));
    WatchCrashTest.writePng(inbox.resolve("good.png"), 1);
    Files.writeString(inbox.resolve("bad.pdf"), "not a pdf");
    Path outbox = dir.resolve("out");
    CliRun run =
        CliRun.of(
            "watch",
            inbox.toString(),
            "--out",
            outbox.toString(),
            "--once",
            "--settle-ms",
            "200",
            "--concurrency",
            "2");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains("bad.pdf: DS105").contains("watch: 1 done, 1 failed, 0 skipped");
    assertThat(outbox.resolve("good.json")).exists();
    assertThat(inbox.resolve(".failed/bad.pdf.error.json")).exists();
  }
}
