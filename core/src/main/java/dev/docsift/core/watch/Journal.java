package dev.docsift.core.watch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The watcher's append-only journal: one line per step, fsync'd before the step it records is
 * relied on. Each step is a {@link JournalEntry}, which alone says how it is written as a line.
 *
 * <p>Thread-safe.
 */
final class Journal implements AutoCloseable {
  private final FileChannel channel;
  private final List<JournalEntry> replayed;

  private Journal(FileChannel channel, List<JournalEntry> replayed) {
    this.channel = channel;
    this.replayed = replayed;
  }

  /**
   * Opens a journal, reading what it holds. A torn last line (a crash mid-write) is cut off: its
   * step was never relied on, because a step only counts once its line is synced.
   *
   * @param file the journal file, created when missing
   * @return the open journal
   * @throws IOException when it cannot be read or written
   */
  static Journal open(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      byte[] bytes = Files.readAllBytes(file);
      int end = bytes.length;
      while (end > 0 && bytes[end - 1] != '\n') {
        end--;
      }
      if (end < bytes.length) {
        // Cut it on disk too, or the next append would be glued onto the torn line.
        channel.truncate(end);
        channel.force(true);
      }
      List<JournalEntry> entries = new ArrayList<>();
      String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        // Unknown kinds and malformed lines are skipped: replay must never stop the watch.
        JournalEntry.decode(line).ifPresent(entries::add);
      }
      channel.position(channel.size());
      return new Journal(channel, List.copyOf(entries));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The entries read when the journal was opened, oldest first. */
  List<JournalEntry> replayed() {
    return replayed;
  }

  /**
   * Appends an entry's line and syncs it to disk before returning.
   *
   * @param entry the step
   * @throws IOException when the journal cannot be written
   */
  synchronized void append(JournalEntry entry) throws IOException {
    ByteBuffer buffer =
        ByteBuffer.wrap(JournalEntry.encode(entry).getBytes(StandardCharsets.UTF_8));
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    // The line must be on disk before the step it records is relied on: replay trusts it.
    channel.force(false);
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}
