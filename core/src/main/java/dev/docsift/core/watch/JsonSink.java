package dev.docsift.core.watch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.core.export.AtomicFiles;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.core.pipeline.ResultJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One pretty-printed envelope per document, {@code <input base>.json}, a suffix on clashes. The
 * file appears whole (temporary file, fsync, then a hard link that refuses a taken name).
 */
final class JsonSink implements OutputSink {
  private final Path outbox;
  private final Set<String> reserved = new HashSet<>();

  JsonSink(Path outbox) {
    this.outbox = outbox;
  }

  @Override
  public synchronized String reserve(String inputName) {
    String base = inputName.replaceFirst("\\.[^.]+$", "");
    for (int i = 0; ; i++) {
      String name = Durable.suffixed(base + ".json", i);
      if (!Files.exists(outbox.resolve(name)) && reserved.add(name)) {
        return name;
      }
    }
  }

  @Override
  public synchronized void release(String name) {
    reserved.remove(name);
  }

  @Override
  public List<Path> write(String sha, String name, ExtractionResult result, Journal journal)
      throws IOException {
    byte[] bytes =
        (ResultJson.MAPPER
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(ResultJson.envelope(result))
                + "\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Files.createDirectories(outbox);
    Path target = outbox.resolve(name);
    Path tmp = AtomicFiles.newTemporary(outbox, name);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        // Data on disk before the name appears: a crash never leaves a named, empty result.
        ch.force(false);
      }
      try {
        Files.createLink(target, tmp);
      } catch (FileAlreadyExistsException e) {
        // Someone else's file took the reserved name meanwhile: never overwrite it.
        target = AtomicFiles.writeNew(outbox, name.replaceFirst("\\.json$", ""), "json", bytes);
      } catch (UnsupportedOperationException e) {
        target = AtomicFiles.writeNew(outbox, name.replaceFirst("\\.json$", ""), "json", bytes);
      }
      Durable.syncDir(outbox);
    } finally {
      Files.deleteIfExists(tmp);
      release(name);
    }
    journal.append(new JournalEntry.Written(sha, List.of(outbox.relativize(target).toString())));
    return List.of(target);
  }

  @Override
  public List<Path> recover(String sha, String name, Map<String, Long> appendOffsets)
      throws IOException {
    if (name.equals(NONE)) {
      return List.of();
    }
    Path target = outbox.resolve(name);
    if (!Files.isRegularFile(target)) {
      return List.of();
    }
    try {
      JsonNode envelope = ResultJson.MAPPER.readTree(target.toFile());
      if (sha.equals(envelope.path("source").path("sha256").asText())) {
        return List.of(target);
      }
    } catch (IOException e) {
      // not JSON we wrote: a user's file that took the name; leave it alone
    }
    return List.of();
  }
}
