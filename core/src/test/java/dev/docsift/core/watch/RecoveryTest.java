package dev.docsift.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {
  @TempDir Path dir;

  @Test
  void aTornLastLineIsCutAndNamesWithSpacesSurvive() throws Exception {
    Path file = dir.resolve("journal");
    try (Journal j = Journal.open(file)) {
      j.append("claimed", "aa", "sub/my scan.pdf", "my scan.json");
    }
    Files.writeString(
        file, "written aa my", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    try (Journal j = Journal.open(file)) {
      assertThat(j.replayed())
          .containsExactly(
              new Journal.Entry("claimed", "aa", List.of("sub/my scan.pdf", "my scan.json")));
    }
    assertThat(Files.readString(file)).endsWith("\n");
  }

  @Test
  void replayTellsWhatEachDocumentStillNeeds() {
    List<Journal.Entry> lines =
        List.of(
            e("claimed", "d1", "a.png", "a.json"),
            e("written", "d1", "a.json"),
            e("moved", "d1", ".done/a.png"),
            e("claimed", "d2", "b.png", "-"),
            e("append", "d2", "results.jsonl=120"),
            e("claimed", "d3", "c.png", "c.json"),
            e("written", "d3", "c.json"),
            e("claimed", "d4", "x.txt", "x.json"),
            e("failed", "d4", ".failed/x.txt.error.json"),
            e("moved", "d4", ".failed/x.txt"));
    Recovery r = Recovery.replay(lines);
    assertThat(r.done()).containsExactly("d1");
    assertThat(r.interrupted())
        .containsExactly(
            new Recovery.Interrupted(
                "d2", "b.png", "-", Map.of("results.jsonl", 120L), Recovery.Stage.CLAIMED),
            new Recovery.Interrupted("d3", "c.png", "c.json", Map.of(), Recovery.Stage.WRITTEN));
  }

  @Test
  void anUnacknowledgedAppendIsCutBack() throws Exception {
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve(JsonlSink.FILE), "{\"one\":1}\n{\"torn\":");
    new JsonlSink(out).recover("d2", "-", Map.of(JsonlSink.FILE, 10L));
    assertThat(Files.readString(out.resolve(JsonlSink.FILE))).isEqualTo("{\"one\":1}\n");
  }

  private static Journal.Entry e(String kind, String sha, String... args) {
    return new Journal.Entry(kind, sha, List.of(args));
  }
}
