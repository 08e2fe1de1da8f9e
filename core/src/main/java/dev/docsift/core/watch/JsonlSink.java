package dev.docsift.core.watch;

import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.core.pipeline.ResultJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One compact envelope per line of {@code results.jsonl}.
 *
 * <p>Atomicity by journal, not by copying: before appending, the file's length is journalled
 * ({@code append <sha> results.jsonl=<offset>}); the line is written in one call and synced, then
 * {@code written} is journalled. Replay of a document with {@code append} but no {@code written}
 * truncates the file back to the offset, removing a torn or unacknowledged line, and the document
 * is processed again. Appends are serialised, so only the last line can ever be cut. This keeps an
 * append O(line) however large the file grows; a reader tailing the file may see a torn last line
 * only while a crash is unrepaired.
 */
final class JsonlSink extends AppendingSink {
  static final String FILE = "results.jsonl";

  JsonlSink(Path outbox) {
    super(outbox);
  }

  @Override
  public synchronized List<Path> write(
      String sha, String reserved, ExtractionResult result, Journal journal) throws IOException {
    byte[] line =
        (ResultJson.MAPPER.writeValueAsString(ResultJson.envelope(result)) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(outbox);
    Path file = outbox.resolve(FILE);
    long offset = Files.exists(file) ? Files.size(file) : 0;
    journal.append(new JournalEntry.Appended(sha, Map.of(FILE, offset)));
    Durable.append(file, line);
    journal.append(new JournalEntry.Written(sha, List.of(FILE)));
    return List.of(file);
  }
}
