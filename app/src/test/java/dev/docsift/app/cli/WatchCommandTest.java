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
  void theSlmEngineWithoutAModelIsAClearUsageError() throws Exception {
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
    assertThat(run.err()).contains("--engine slm needs --model PACK");
    assertThat(run.showsStackTrace()).isFalse();
  }

  @Test
  void theSlmEngineWatchesAFolderToo() throws Exception {
    assumeThat(Tesseract.installed()).as("tesseract-ocr is not installed").isTrue();
    Path inbox = Files.createDirectories(dir.resolve("in"));
    WatchCrashTest.writePng(inbox.resolve("a.png"), 1);
    Path outbox = dir.resolve("out");
    CliRun run =
        CliRun.of(
            "watch",
            inbox.toString(),
            "--out",
            outbox.toString(),
            "--once",
            "--settle-ms",
            "100",
            "--engine",
            "slm",
            "--model",
            SlmCliTest.tinyPack().toString(),
            "--ep",
            "cpu");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(outbox.resolve("a.json"))).contains("\"name\" : \"slm\"");
    assertThat(inbox.resolve(".done/a.png")).exists();
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
