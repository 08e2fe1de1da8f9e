package dev.docsift.core.watch;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of the watch journal, one line on disk. Lines are written by {@link #encode} and read by
 * {@link #decode} only, so the format is said once.
 *
 * <p>A line is {@code <kind> <sha256> <arg>...}: each argument percent-encoded ({@link URLEncoder},
 * UTF-8; the empty string as a lone {@code %}) so names with spaces stay one token. Journals
 * written by earlier versions must keep replaying the same way: never change a kind word or the
 * encoding.
 */
sealed interface JournalEntry {
  /** The document's content hash: the key every step is about. */
  String sha();

  /**
   * {@code claimed <sha> <input> <reserved-output|->}: a document is about to be processed.
   *
   * @param sha its content hash
   * @param input its path relative to the inbox
   * @param reserved the output name it reserved, or {@link OutputSink#NONE}
   */
  record Claimed(String sha, String input, String reserved) implements JournalEntry {
    /** Checks that no part is null. */
    public Claimed {
      Objects.requireNonNull(sha, "sha");
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(reserved, "reserved");
    }
  }

  /**
   * {@code append <sha> <file>=<offset>...}: the shared files' lengths before the document's
   * append, so replay can cut an unacknowledged append back.
   *
   * @param sha its content hash
   * @param offsets each file's length by its name in the outbox, in the order written
   */
  record Appended(String sha, Map<String, Long> offsets) implements JournalEntry {
    /** Copies the offsets, keeping their order (which {@link Map#copyOf} would not). */
    public Appended {
      Objects.requireNonNull(sha, "sha");
      Map<String, Long> copy = new LinkedHashMap<>();
      offsets.forEach(
          (file, offset) ->
              copy.put(Objects.requireNonNull(file, "file"), Objects.requireNonNull(offset, file)));
      offsets = Collections.unmodifiableMap(copy);
    }
  }

  /**
   * {@code written <sha> <output>...}: the document's result is complete.
   *
   * @param sha its content hash
   * @param outputs the files written or appended to, relative to the outbox
   */
  record Written(String sha, List<String> outputs) implements JournalEntry {
    /** Copies the outputs. */
    public Written {
      Objects.requireNonNull(sha, "sha");
      outputs = List.copyOf(outputs);
    }
  }

  /**
   * {@code failed <sha> <error-file>}: the document failed and its error file is written.
   *
   * @param sha its content hash
   * @param errorFile the error file, relative to the inbox
   */
  record Failed(String sha, String errorFile) implements JournalEntry {
    /** Checks that no part is null. */
    public Failed {
      Objects.requireNonNull(sha, "sha");
      Objects.requireNonNull(errorFile, "errorFile");
    }
  }

  /**
   * {@code moved <sha> <destination|->}: the input left the inbox; the document is finished.
   *
   * @param sha its content hash
   * @param destination where it went, relative to the inbox, or {@link #GONE}
   */
  record Moved(String sha, String destination) implements JournalEntry {
    /** The destination of an input that was already gone (or changed) when it was to be moved. */
    public static final String GONE = "-";

    /** Checks that no part is null. */
    public Moved {
      Objects.requireNonNull(sha, "sha");
      Objects.requireNonNull(destination, "destination");
    }
  }

  /**
   * {@code skipped <sha> <destination>}: the content was done before and the input moved away.
   *
   * @param sha its content hash
   * @param destination where it went, relative to the inbox
   */
  record Skipped(String sha, String destination) implements JournalEntry {
    /** Checks that no part is null. */
    public Skipped {
      Objects.requireNonNull(sha, "sha");
      Objects.requireNonNull(destination, "destination");
    }
  }

  /**
   * Writes an entry as its journal line.
   *
   * @param entry the entry
   * @return the line, ending in {@code \n}
   * @throws IllegalArgumentException when the hash is not one token
   */
  static String encode(JournalEntry entry) {
    String sha = entry.sha();
    if (sha.isEmpty() || sha.chars().anyMatch(Character::isWhitespace)) {
      // The hash is written as it is: a space or newline in it would corrupt every later line.
      throw new IllegalArgumentException("Not a content hash: '" + sha + "'");
    }
    String kind;
    List<String> args;
    switch (entry) {
      case Claimed c -> {
        kind = "claimed";
        args = List.of(c.input(), c.reserved());
      }
      case Appended a -> {
        kind = "append";
        args = a.offsets().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
      }
      case Written w -> {
        kind = "written";
        args = w.outputs();
      }
      case Failed f -> {
        kind = "failed";
        args = List.of(f.errorFile());
      }
      case Moved m -> {
        kind = "moved";
        args = List.of(m.destination());
      }
      case Skipped s -> {
        kind = "skipped";
        args = List.of(s.destination());
      }
    }
    StringBuilder line = new StringBuilder(kind).append(' ').append(sha);
    for (String arg : args) {
      line.append(' ').append(arg.isEmpty() ? "%" : URLEncoder.encode(arg, StandardCharsets.UTF_8));
    }
    return line.append('\n').toString();
  }

  /**
   * Reads one journal line.
   *
   * <p>Lenient the way replay must be: a kind this version does not know (written by a newer one)
   * and a malformed line of a known kind (too few arguments, a bad escape, an offset that is no
   * number) give nothing rather than an error, and arguments past the ones a kind needs are
   * ignored. {@code claimed} without a reserved name reads as {@link OutputSink#NONE}.
   *
   * @param line the line, without its {@code \n}
   * @return the entry, or empty when the line is skipped
   */
  static Optional<JournalEntry> decode(String line) {
    String[] parts = line.trim().split(" ");
    if (parts.length < 2 || parts[1].isEmpty()) {
      return Optional.empty();
    }
    String sha = parts[1];
    try {
      List<String> args = new ArrayList<>();
      for (int i = 2; i < parts.length; i++) {
        args.add(parts[i].equals("%") ? "" : URLDecoder.decode(parts[i], StandardCharsets.UTF_8));
      }
      boolean none = args.isEmpty();
      JournalEntry entry =
          switch (parts[0]) {
            case "claimed" ->
                none
                    ? null
                    : new Claimed(
                        sha, args.get(0), args.size() > 1 ? args.get(1) : OutputSink.NONE);
            case "append" -> new Appended(sha, offsets(args));
            case "written" -> new Written(sha, args);
            case "failed" -> none ? null : new Failed(sha, args.get(0));
            case "moved" -> none ? null : new Moved(sha, args.get(0));
            case "skipped" -> none ? null : new Skipped(sha, args.get(0));
            default -> null; // a kind from a newer version
          };
      return Optional.ofNullable(entry);
    } catch (IllegalArgumentException e) {
      // A bad percent escape or offset (NumberFormatException is one): the line is skipped.
      return Optional.empty();
    }
  }

  /** Reads {@code <file>=<offset>} arguments; the offset follows the last {@code =}. */
  private static Map<String, Long> offsets(List<String> args) {
    Map<String, Long> offsets = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.lastIndexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("No offset in '" + arg + "'");
      }
      offsets.put(arg.substring(0, eq), Long.parseLong(arg.substring(eq + 1)));
    }
    return offsets;
  }
}
