package dev.docsift.core.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.core.export.ExportFormat;
import dev.docsift.core.pipeline.ResultJson;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FolderWatcherTest {
  private static DocumentSchema schema;

  @TempDir Path dir;

  @BeforeAll
  static void needsTesseract() throws Exception {
    assumeThat(
            Stream.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib")
                .anyMatch(d -> Files.exists(Path.of(d, "libtesseract.so.5"))))
        .as("tesseract-ocr is not installed")
        .isTrue();
    schema = SchemaCatalog.shipped().resolve("receipt");
  }

  private List<WatchEvent> runOnce(WatchConfig config) throws Exception {
    List<WatchEvent> events = new CopyOnWriteArrayList<>();
    try (FolderWatcher watcher = FolderWatcher.start(config, schema, events::add)) {
      assertThat(watcher.awaitTermination(Duration.ofSeconds(50))).isTrue();
    }
    return events;
  }

  @Test
  void goodBadAndDuplicateFilesEachEndInTheirPlace() throws Exception {
    Path inbox = Files.createDirectories(dir.resolve("in"));
    Path outbox = dir.resolve("out");
    Files.write(inbox.resolve("a.png"), Docs.png(1));
    Files.write(inbox.resolve("b.png"), Docs.png(2));
    Files.write(inbox.resolve("copy-of-a.png"), Docs.png(1));
    Files.writeString(inbox.resolve("notes.txt"), "not a document");
    Files.write(inbox.resolve("broken.png"), java.util.Arrays.copyOf(Docs.png(3), 200));
    Files.writeString(inbox.resolve("upload.part"), "still coming");

    List<WatchEvent> events = runOnce(Docs.config(inbox, outbox, ExportFormat.JSON, true));

    assertThat(events.stream().filter(e -> e instanceof WatchEvent.Done)).hasSize(2);
    assertThat(events.stream().filter(e -> e instanceof WatchEvent.Skipped)).hasSize(1);
    assertThat(events.stream().filter(e -> e instanceof WatchEvent.Failed)).hasSize(2);
    try (Stream<Path> outs = Files.list(outbox)) {
      assertThat(outs.filter(p -> p.toString().endsWith(".json")).count()).isEqualTo(2);
    }
    JsonNode a = ResultJson.MAPPER.readTree(outbox.resolve("a.json").toFile());
    assertThat(a.path("data").path("total").asText()).isEqualTo("9.00");
    assertThat(inbox.resolve(".done/b.png")).exists();
    assertThat(inbox.resolve(".failed/notes.txt")).exists();
    JsonNode why =
        ResultJson.MAPPER.readTree(inbox.resolve(".failed/notes.txt.error.json").toFile());
    assertThat(why.path("code").asText()).isEqualTo("DS105");
    assertThat(inbox.resolve(".failed/broken.png.error.json")).exists();
    assertThat(inbox.resolve("upload.part")).as("temporary names are left alone").exists();
    JsonNode status = ResultJson.MAPPER.readTree(outbox.resolve(".docsift/status.json").toFile());
    assertThat(status.path("done").asInt()).isEqualTo(2);
    assertThat(status.path("failed").asInt()).isEqualTo(2);
    assertThat(status.path("last_error").path("code").asText()).startsWith("DS1");
    assertThat(status.path("state").asText()).isEqualTo("stopped");

    // The same content dropped again is not processed again; --force does.
    Files.write(inbox.resolve("a.png"), Docs.png(1));
    assertThat(runOnce(Docs.config(inbox, outbox, ExportFormat.JSON, true)))
        .singleElement()
        .isInstanceOf(WatchEvent.Skipped.class);
    Files.write(inbox.resolve("a.png"), Docs.png(1));
    runOnce(Docs.config(inbox, outbox, ExportFormat.JSON, true).withFlags(false, true));
    assertThat(outbox.resolve("a-1.json")).as("a clash gets a suffix").exists();
  }

  @Test
  void jsonlAndCsvAppendOneLinePerDocumentWithOneHeader() throws Exception {
    Path inbox = Files.createDirectories(dir.resolve("in"));
    for (int i = 0; i < 3; i++) {
      Files.write(inbox.resolve("r" + i + ".png"), Docs.png(10 + i));
    }
    Path jsonl = dir.resolve("jsonl");
    runOnce(Docs.config(inbox, jsonl, ExportFormat.JSONL, true));
    assertThat(Files.readAllLines(jsonl.resolve("results.jsonl"))).hasSize(3);

    Path csv = dir.resolve("csv");
    Files.write(inbox.resolve("r9.png"), Docs.png(19));
    runOnce(Docs.config(inbox, csv, ExportFormat.CSV, true));
    Files.write(inbox.resolve("r8.png"), Docs.png(18));
    runOnce(Docs.config(inbox, csv, ExportFormat.CSV, true));
    List<String> rows = Files.readAllLines(csv.resolve("results.csv"), StandardCharsets.UTF_8);
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).startsWith("file,sha256,schema");
    try (Stream<Path> items = Files.list(csv)) {
      Path itemsCsv =
          items
              .filter(p -> p.getFileName().toString().startsWith("results-"))
              .findFirst()
              .orElseThrow();
      assertThat(Files.readAllLines(itemsCsv).get(0)).startsWith("file,sha256,index");
    }
  }

  @Test
  void aFileWrittenSlowlyIsReadOnlyWhenComplete() throws Exception {
    Path inbox = Files.createDirectories(dir.resolve("in"));
    Path outbox = dir.resolve("out");
    byte[] png = Docs.png(42);
    List<WatchEvent> events = new CopyOnWriteArrayList<>();
    try (FolderWatcher watcher =
        FolderWatcher.start(
            Docs.config(inbox, outbox, ExportFormat.JSON, false), schema, events::add)) {
      Path target = inbox.resolve("slow.png");
      try (OutputStream out = Files.newOutputStream(target)) {
        int chunk = png.length / 8 + 1;
        for (int off = 0; off < png.length; off += chunk) {
          out.write(png, off, Math.min(chunk, png.length - off));
          out.flush();
          Thread.sleep(120); // shorter than the 200 ms settle time
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (events.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    }
    assertThat(events).singleElement().isInstanceOf(WatchEvent.Done.class);
    JsonNode result = ResultJson.MAPPER.readTree(outbox.resolve("slow.json").toFile());
    assertThat(result.path("source").path("sha256").asText())
        .isEqualTo(FolderWatcher.sha256(inbox.resolve(".done/slow.png")));
  }
}
