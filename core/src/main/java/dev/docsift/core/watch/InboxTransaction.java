package dev.docsift.core.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.core.DocsiftException;
import dev.docsift.core.export.AtomicFiles;
import dev.docsift.core.pipeline.Cancellation;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.core.pipeline.Pipeline;
import dev.docsift.core.pipeline.ProgressListener;
import dev.docsift.core.pipeline.ResultJson;
import dev.docsift.errors.ErrorCode;
import dev.docsift.schemas.DocumentSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once transaction of one inbox document, without any threads of its own: hash, journal
 * {@code claimed}, process, write the result ({@link OutputSink}, which journals {@code written}),
 * move the input and journal {@code moved}; or, on failure, write the error file, journal {@code
 * failed}, move the input to {@code .failed/} and journal {@code moved}. Also finishes what a crash
 * interrupted ({@link #recover}). {@link FolderWatcher} decides which thread runs which file.
 *
 * <p>Thread-safe: documents of different content run at once; the same content twice does not.
 */
final class InboxTransaction {
  private static final Logger LOG = LoggerFactory.getLogger(InboxTransaction.class);

  private final WatchConfig config;
  private final DocumentSchema schema;
  private final WatchListener listener;
  private final Pipeline pipeline;
  private final Journal journal;
  private final OutputSink sink;
  private final WatchStatus status;
  private final Set<String> inFlight = new HashSet<>(); // guarded by itself
  private final Set<String> done; // guarded by inFlight

  InboxTransaction(
      WatchConfig config,
      DocumentSchema schema,
      WatchListener listener,
      Pipeline pipeline,
      Journal journal,
      WatchStatus status,
      Set<String> done) {
    this.config = config;
    this.schema = schema;
    this.listener = listener;
    this.pipeline = pipeline;
    this.journal = journal;
    this.status = status;
    this.done = done;
    this.sink = OutputSink.of(config.format(), config.outbox(), schema);
  }

  /** Finishes what a crash interrupted; see the class comment. */
  void recover(List<Recovery.Interrupted> interrupted) throws IOException {
    for (Recovery.Interrupted p : interrupted) {
      Recovery.Stage stage = p.stage();
      if (stage == Recovery.Stage.CLAIMED) {
        List<Path> outputs = sink.recover(p.sha(), p.reserved(), p.offsets());
        if (outputs.isEmpty()) {
          listener.on(
              new WatchEvent.Notice(p.input() + " was interrupted; it is processed again."));
          continue;
        }
        // The result was complete before the crash; only its journal line was missing.
        journal.append(
            new JournalEntry.Written(
                p.sha(),
                outputs.stream().map(o -> config.outbox().relativize(o).toString()).toList()));
        stage = Recovery.Stage.WRITTEN;
      }
      boolean ok = stage == Recovery.Stage.WRITTEN;
      Path input = config.inbox().resolve(p.input());
      String where = JournalEntry.Moved.GONE;
      if (Files.isRegularFile(input) && p.sha().equals(sha256(input))) {
        where = config.inbox().relativize(moveAway(input, ok)).toString();
      }
      journal.append(new JournalEntry.Moved(p.sha(), where));
      if (ok) {
        done.add(p.sha());
      }
      listener.on(
          new WatchEvent.Notice(
              p.input()
                  + " was finished after an interrupted run ("
                  + (ok ? "done" : "failed")
                  + ")."));
    }
  }

  /**
   * Runs one inbox file through the transaction. Returns quietly when the file is gone or the same
   * content is in flight; a cancelled document stays in the inbox.
   *
   * @param file the input
   * @param cancellation checked between pages
   * @throws IOException when the outbox, inbox or journal cannot be written: the input stays where
   *     it is and is retried
   */
  void handle(Path file, Cancellation cancellation) throws IOException {
    String sha;
    try {
      sha = sha256(file);
    } catch (NoSuchFileException e) {
      return; // moved away meanwhile
    }
    boolean duplicate;
    synchronized (inFlight) {
      if (inFlight.contains(sha)) {
        return; // the same content is being processed: look again next scan
      }
      duplicate = done.contains(sha) && !config.force();
      inFlight.add(sha);
    }
    try {
      if (duplicate) {
        Path moved = moveAway(file, true);
        journal.append(new JournalEntry.Skipped(sha, config.inbox().relativize(moved).toString()));
        status.skipped();
        listener.on(new WatchEvent.Skipped(file, moved));
      } else {
        status.started();
        try {
          process(file, sha, cancellation);
        } finally {
          status.finished();
        }
      }
    } finally {
      synchronized (inFlight) {
        inFlight.remove(sha);
      }
    }
  }

  private void process(Path file, String sha, Cancellation cancellation) throws IOException {
    long t0 = System.nanoTime();
    String rel = config.inbox().relativize(file).toString();
    String reserved = sink.reserve(file.getFileName().toString());
    journal.append(new JournalEntry.Claimed(sha, rel, reserved));
    ExtractionResult result;
    try {
      result = pipeline.process(file, schema, ProgressListener.NONE, cancellation);
    } catch (DocsiftException e) {
      sink.release(reserved);
      if (e.code() == ErrorCode.CANCELLED) {
        return; // stays in the inbox; the claim without a result is rolled back next start
      }
      fail(file, sha, e);
      return;
    } catch (RuntimeException | OutOfMemoryError e) {
      sink.release(reserved);
      LOG.debug("Unexpected failure on {}", file, e);
      fail(file, sha, DocsiftException.unexpected(file, e));
      return;
    }
    List<Path> outputs = sink.write(sha, reserved, result, journal);
    Path moved = moveAway(file, true);
    journal.append(new JournalEntry.Moved(sha, config.inbox().relativize(moved).toString()));
    synchronized (inFlight) {
      done.add(sha);
    }
    status.done(outputs.get(0));
    listener.on(new WatchEvent.Done(file, moved, outputs, (System.nanoTime() - t0) / 1_000_000));
    exec(outputs.get(0));
  }

  private void fail(Path file, String sha, DocsiftException error) throws IOException {
    Path dir = failedDir(file);
    ObjectNode why = ResultJson.MAPPER.createObjectNode();
    why.put("file", file.getFileName().toString());
    why.put("sha256", sha);
    why.put("code", error.code().code());
    why.put("message", error.getMessage());
    why.put("time", Instant.now().toString());
    Path errorFile =
        AtomicFiles.writeNew(
            dir,
            file.getFileName().toString(),
            "error.json",
            ResultJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(why));
    journal.append(new JournalEntry.Failed(sha, config.inbox().relativize(errorFile).toString()));
    Path moved = moveAway(file, false);
    journal.append(new JournalEntry.Moved(sha, config.inbox().relativize(moved).toString()));
    status.failed(file, error);
    listener.on(new WatchEvent.Failed(file, moved, errorFile, error));
  }

  /** Moves an input into {@code .done/} or {@code .failed/}, keeping its subfolder. */
  private Path moveAway(Path file, boolean ok) throws IOException {
    Path dir = ok ? doneDir(file) : failedDir(file);
    return Durable.moveFree(file, dir, file.getFileName().toString());
  }

  private Path doneDir(Path file) {
    return mirror(config.inbox().resolve(".done"), file);
  }

  private Path failedDir(Path file) {
    return mirror(config.inbox().resolve(".failed"), file);
  }

  private Path mirror(Path root, Path file) {
    Path parent = config.inbox().relativize(file.toAbsolutePath()).getParent();
    return parent == null ? root : root.resolve(parent);
  }

  /** Runs the exec command; its failure is reported, never undoes the result. */
  private void exec(Path output) {
    if (config.exec().isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>(config.exec());
    command.add(output.toString());
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.getOutputStream().close();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        listener.on(new WatchEvent.Notice("--exec timed out on " + output));
      } else if (p.exitValue() != 0) {
        listener.on(new WatchEvent.Notice("--exec exited with " + p.exitValue() + " on " + output));
      }
    } catch (IOException e) {
      listener.on(new WatchEvent.Notice("--exec cannot run: " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
