package dev.docsift.core.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docsift.core.watch.JournalEntry.Appended;
import dev.docsift.core.watch.JournalEntry.Claimed;
import dev.docsift.core.watch.JournalEntry.Failed;
import dev.docsift.core.watch.JournalEntry.Moved;
import dev.docsift.core.watch.JournalEntry.Skipped;
import dev.docsift.core.watch.JournalEntry.Written;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
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
      j.append(new Claimed("aa", "sub/my scan.pdf", "my scan.json"));
    }
    Files.writeString(file, "written aa my", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    try (Journal j = Journal.open(file)) {
      assertThat(j.replayed())
          .containsExactly(new Claimed("aa", "sub/my scan.pdf", "my scan.json"));
    }
    assertThat(Files.readString(file)).endsWith("\n");
  }

  @Test
  void everyKindOfEntryRoundTripsThroughTheFile() throws Exception {
    Map<String, Long> offsets = new LinkedHashMap<>();
    offsets.put("results.csv", 0L);
    offsets.put("a=b results.csv", 1_234_567_890_123L);
    offsets.put("", 7L);
    offsets.put("résumé-ítems.csv", 42L);
    List<JournalEntry> entries =
        List.of(
            new Claimed("d1", "sub/my scan.pdf", "my scan.json"),
            new Claimed("d2", "Übersicht 100% + mehr.pdf", OutputSink.NONE),
            new Claimed("d3", "", ""),
            new Appended("d2", offsets),
            new Appended("d4", Map.of()),
            new Written("d1", List.of("my scan.json")),
            new Written("d2", List.of("results.csv", "", "a=b results.csv", "日本語.csv")),
            new Written("d5", List.of()),
            new Failed("d3", ".failed/x y.txt.error.json"),
            new Moved("d1", ".done/sub/my scan.pdf"),
            new Moved("d3", Moved.GONE),
            new Skipped("d6", ".done/naïve copy (2).pdf"),
            new Skipped("d7", ""));
    Path file = dir.resolve("journal");
    try (Journal j = Journal.open(file)) {
      for (JournalEntry e : entries) {
        j.append(e);
      }
    }
    try (Journal j = Journal.open(file)) {
      assertThat(j.replayed()).containsExactlyElementsOf(entries);
      // Map equality ignores order; the order of the files is part of the entry.
      Appended appended = (Appended) j.replayed().get(3);
      assertThat(appended.offsets().keySet()).containsExactlyElementsOf(offsets.keySet());
    }
  }

  @Test
  void linesKeepTheFormatEarlierVersionsWrote() throws Exception {
    Path file = dir.resolve("journal");
    try (Journal j = Journal.open(file)) {
      j.append(new Claimed("aa", "sub/my scan.pdf", "my scan.json"));
      j.append(new Appended("aa", Map.of("results.jsonl", 120L)));
      j.append(new Written("aa", List.of("", "résumé.json")));
      j.append(new Moved("aa", Moved.GONE));
    }
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .isEqualTo(
            """
            claimed aa sub%2Fmy+scan.pdf my+scan.json
            append aa results.jsonl%3D120
            written aa % r%C3%A9sum%C3%A9.json
            moved aa -
            """);
  }

  @Test
  void aJournalWrittenByAnEarlierVersionReplays() throws Exception {
    Path file = dir.resolve("journal");
    Files.writeString(
        file,
        """
        claimed d1 sub%2Fmy+scan.pdf my+scan.json
        written d1 my+scan.json
        moved d1 .done%2Fsub%2Fmy+scan.pdf
        claimed d2 b.csv -
        append d2 results.csv%3D10 results-items.csv%3D0
        failed d3 .failed%2Fx.txt.error.json
        skipped d4 .done%2Fcopy.pdf
        claimed d5 only-input.pdf
        """,
        StandardCharsets.UTF_8);
    try (Journal j = Journal.open(file)) {
      assertThat(j.replayed())
          .containsExactly(
              new Claimed("d1", "sub/my scan.pdf", "my scan.json"),
              new Written("d1", List.of("my scan.json")),
              new Moved("d1", ".done/sub/my scan.pdf"),
              new Claimed("d2", "b.csv", OutputSink.NONE),
              new Appended("d2", Map.of("results.csv", 10L, "results-items.csv", 0L)),
              new Failed("d3", ".failed/x.txt.error.json"),
              new Skipped("d4", ".done/copy.pdf"),
              new Claimed("d5", "only-input.pdf", OutputSink.NONE));
    }
  }

  @Test
  void unknownKindsAndMalformedLinesAreSkipped() throws Exception {
    Path file = dir.resolve("journal");
    Files.writeString(
        file,
        """
        claimed d1 a.png a.json
        append d1 nonsense
        append d1 results.jsonl%3Dten
        claimed d2
        moved d1 %zz
        failed d1
        verified d1 a.json

        written d1 a.json
        """,
        StandardCharsets.UTF_8);
    try (Journal j = Journal.open(file)) {
      assertThat(j.replayed())
          .containsExactly(
              new Claimed("d1", "a.png", "a.json"), new Written("d1", List.of("a.json")));
      j.append(new Moved("d1", ".done/a.png"));
    }
    try (Journal j = Journal.open(file)) {
      assertThat(Recovery.replay(j.replayed()).done()).containsExactly("d1");
    }
  }

  @Test
  void aHashThatIsNotOneTokenIsRefused() {
    assertThatThrownBy(() -> JournalEntry.encode(new Moved("a b", "x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JournalEntry.encode(new Moved("", "x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void replayTellsWhatEachDocumentStillNeeds() {
    List<JournalEntry> lines =
        List.of(
            new Claimed("d1", "a.png", "a.json"),
            new Written("d1", List.of("a.json")),
            new Moved("d1", ".done/a.png"),
            new Claimed("d2", "b.png", "-"),
            new Appended("d2", Map.of("results.jsonl", 120L)),
            new Claimed("d3", "c.png", "c.json"),
            new Written("d3", List.of("c.json")),
            new Claimed("d4", "x.txt", "x.json"),
            new Failed("d4", ".failed/x.txt.error.json"),
            new Moved("d4", ".failed/x.txt"));
    Recovery r = Recovery.replay(lines);
    assertThat(r.done()).containsExactly("d1");
    assertThat(r.interrupted())
        .containsExactly(
            new Recovery.Interrupted(
                "d2", "b.png", "-", Map.of("results.jsonl", 120L), Recovery.Stage.CLAIMED),
            new Recovery.Interrupted("d3", "c.png", "c.json", Map.of(), Recovery.Stage.WRITTEN));
  }

  @Test
  void aLaterClaimOfTheSameContentStartsItAfresh() {
    List<JournalEntry> lines =
        List.of(
            new Claimed("d1", "a.png", "-"),
            new Appended("d1", Map.of("results.jsonl", 120L)),
            new Written("d1", List.of("results.jsonl")),
            new Claimed("d2", "b.png", "b.json"),
            new Claimed("d1", "again/a.png", "-"),
            new Skipped("d3", ".done/c.png"),
            new Moved("d9", ".done/never-claimed.png"));
    Recovery r = Recovery.replay(lines);
    assertThat(r.done()).isEmpty();
    assertThat(r.interrupted())
        .containsExactly(
            new Recovery.Interrupted("d2", "b.png", "b.json", Map.of(), Recovery.Stage.CLAIMED),
            new Recovery.Interrupted("d1", "again/a.png", "-", Map.of(), Recovery.Stage.CLAIMED));
  }

  @Test
  void anUnacknowledgedAppendIsCutBack() throws Exception {
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve(JsonlSink.FILE), "{\"one\":1}\n{\"torn\":");
    new JsonlSink(out).recover("d2", "-", Map.of(JsonlSink.FILE, 10L));
    assertThat(Files.readString(out.resolve(JsonlSink.FILE))).isEqualTo("{\"one\":1}\n");
  }
}
