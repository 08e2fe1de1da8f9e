package dev.docsift.core.watch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A sink that appends every document to shared files in the outbox: it reserves no names, and
 * recovering an unfinished write truncates each file back to the length journalled before it.
 */
abstract sealed class AppendingSink implements OutputSink permits JsonlSink, CsvSink {
  /** The folder the shared files live in. */
  protected final Path outbox;

  AppendingSink(Path outbox) {
    this.outbox = outbox;
  }

  @Override
  public final String reserve(String inputName) {
    return NONE;
  }

  @Override
  public final void release(String reserved) {}

  @Override
  public final synchronized List<Path> recover(
      String sha, String reserved, Map<String, Long> appendOffsets) throws IOException {
    for (Map.Entry<String, Long> e : appendOffsets.entrySet()) {
      Durable.truncate(outbox.resolve(e.getKey()), e.getValue());
    }
    return List.of();
  }
}
