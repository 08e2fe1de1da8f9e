package dev.docsift.core.watch;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The watcher's append-only journal: one line per step, fsync'd before the step it records is
 * relied on. Lines are {@code <kind> <sha256> <arg>...}, arguments percent-encoded so names with
 * spaces stay one token.
 *
 * <p>Kinds: {@code claimed <sha> <input> <reserved-output|->}, {@code append <sha>
 * <file>=<offset>...}, {@code written <sha> <output>...}, {@code failed <sha> <error-file>}, {@code
 * moved <sha> <destination|->}, {@code skipped <sha> <destination>}.
 *
 * <p>Thread-safe.
 */
final class Journal implements AutoCloseable {
  /** One line of the journal. */
  record Entry(String kind, String sha, List<String> args) {
    Entry {
      args = List.copyOf(args);
    }
  }

  private final FileChannel channel;
  private final List<Entry> replayed;

  private Journal(FileChannel channel, List<Entry> replayed) {
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
        channel.truncate(end);
        channel.force(true);
      }
      List<Entry> entries = new ArrayList<>();
      String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        String[] parts = line.trim().split(" ");
        if (parts.length >= 2) {
          List<String> args = new ArrayList<>();
          Arrays.stream(parts, 2, parts.length).forEach(a -> args.add(decode(a)));
          entries.add(new Entry(parts[0], parts[1], args));
        }
      }
      channel.position(channel.size());
      return new Journal(channel, List.copyOf(entries));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The lines read when the journal was opened, oldest first. */
  List<Entry> replayed() {
    return replayed;
  }

  /**
   * Appends a line and syncs it to disk before returning.
   *
   * @param kind the step
   * @param sha the document's content hash
   * @param args the step's arguments
   * @throws IOException when the journal cannot be written
   */
  synchronized void append(String kind, String sha, String... args) throws IOException {
    StringBuilder line = new StringBuilder(kind).append(' ').append(sha);
    for (String arg : args) {
      line.append(' ').append(encode(arg));
    }
    line.append('\n');
    ByteBuffer buffer = ByteBuffer.wrap(line.toString().getBytes(StandardCharsets.UTF_8));
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    // The line must be on disk before the step it records is relied on: replay trusts it.
    channel.force(false);
  }

  private static String encode(String text) {
    return text.isEmpty() ? "%" : URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String decode(String text) {
    return text.equals("%") ? "" : URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}
