package dev.docsift.core.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.core.DocsiftException;
import dev.docsift.core.ErrorCode;
import dev.docsift.core.export.AtomicFiles;
import dev.docsift.core.pipeline.Cancellation;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.core.pipeline.Pipeline;
import dev.docsift.core.pipeline.ProgressListener;
import dev.docsift.core.pipeline.ResultJson;
import dev.docsift.schemas.DocumentSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches an inbox folder and turns each completely written file into a result in the outbox,
 * exactly once, across crashes.
 *
 * <p>Per document: wait until it settles ({@link StableFiles}), hash it, journal {@code claimed},
 * process it, write the result ({@link OutputSink}, which journals {@code written}), move the input
 * to {@code INBOX/.done/} and journal {@code moved}. A failure writes {@code
 * INBOX/.failed/<name>.error.json}, journals {@code failed}, moves the input to {@code .failed/}
 * and journals {@code moved}. On start the journal is replayed ({@link Recovery}): a written result
 * whose input was not moved gets it moved; a claim without a result is rolled back (a torn append
 * cut off, a complete JSON file recognised by its hash) and the input is processed again.
 *
 * <p>Bounded: a queue of twice the worker count sits between the scanner and the workers, and each
 * worker holds one document at a time. Thread-safe; close to stop (waits for documents in flight).
 */
public final class FolderWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FolderWatcher.class);
  private static final Duration CANCEL_GRACE = Duration.ofSeconds(30);

  private final WatchConfig config;
  private final DocumentSchema schema;
  private final WatchListener listener;
  private final Pipeline pipeline;
  private final Journal journal;
  private final OutputSink sink;
  private final WatchStatus status;
  private final int workerCount;
  private final BlockingQueue<Path> queue;
  private final Set<Path> queuedOrRunning = ConcurrentHashMap.newKeySet();
  private final Set<String> inFlight = new HashSet<>(); // guarded by itself
  private final Set<String> done; // guarded by inFlight
  private final Cancellation cancellation = new Cancellation();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private volatile boolean stopping;

  private FolderWatcher(
      WatchConfig config,
      DocumentSchema schema,
      WatchListener listener,
      Pipeline pipeline,
      Journal journal,
      Set<String> done) {
    this.config = config;
    this.schema = schema;
    this.listener = listener;
    this.pipeline = pipeline;
    this.journal = journal;
    this.done = done;
    this.sink = OutputSink.of(config.format(), config.outbox(), schema);
    this.status = new WatchStatus(config.statusFile());
    this.workerCount = config.pipeline().threads();
    this.queue = new ArrayBlockingQueue<>(2 * workerCount);
  }

  /**
   * Replays the journal, then starts watching in background threads.
   *
   * @param config the settings
   * @param schema the target schema
   * @param listener receives events from worker threads
   * @return the running watcher
   * @throws DocsiftException when the inbox is missing, the outbox or journal cannot be written, or
   *     the OCR engine cannot start
   */
  public static FolderWatcher start(
      WatchConfig config, DocumentSchema schema, WatchListener listener) throws DocsiftException {
    if (!Files.isDirectory(config.inbox())) {
      throw new DocsiftException(
          Files.exists(config.inbox()) ? ErrorCode.NOT_A_FILE : ErrorCode.FILE_NOT_FOUND,
          "The inbox " + config.inbox() + " is not a folder.");
    }
    Journal journal;
    try {
      Files.createDirectories(config.outbox());
      journal = Journal.open(config.stateDir().resolve("journal"));
    } catch (IOException e) {
      throw new DocsiftException(
          ErrorCode.OUTPUT_FAILED, "Cannot write to " + config.outbox() + ": " + e.getMessage(), e);
    }
    Pipeline pipeline;
    try {
      pipeline = Pipeline.create(config.pipeline());
    } catch (DocsiftException e) {
      closeQuietly(journal);
      throw e;
    }
    Recovery recovery = Recovery.replay(journal.replayed());
    FolderWatcher watcher =
        new FolderWatcher(
            config, schema, listener, pipeline, journal, new HashSet<>(recovery.done()));
    try {
      watcher.recover(recovery.interrupted());
    } catch (IOException e) {
      pipeline.close();
      closeQuietly(journal);
      throw new DocsiftException(
          ErrorCode.OUTPUT_FAILED, "Cannot recover the last run: " + e.getMessage(), e);
    }
    watcher.status.state("running");
    Thread coordinator = new Thread(watcher::run, "docsift-watch");
    coordinator.setDaemon(true);
    coordinator.start();
    return watcher;
  }

  /** Finishes what a crash interrupted; see the class comment. */
  private void recover(List<Recovery.Interrupted> interrupted) throws IOException {
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

  private void run() {
    List<Thread> workers = new ArrayList<>();
    for (int i = 1; i <= workerCount; i++) {
      Thread t = new Thread(this::work, "docsift-watch-worker-" + i);
      t.setDaemon(true);
      t.start();
      workers.add(t);
    }
    try {
      scan();
    } catch (RuntimeException e) {
      LOG.warn("The inbox scan failed", e);
      listener.on(new WatchEvent.Notice("The inbox cannot be scanned: " + e.getMessage()));
    } finally {
      stopping = true;
      drain(workers);
      pipeline.close();
      closeQuietly(journal);
      status.state("stopped");
      terminated.countDown();
    }
  }

  private void scan() {
    StableFiles files = new StableFiles(config.inbox(), config.recursive(), config.settle());
    while (!stopping) {
      List<Path> ready = files.scan();
      for (Path file : ready) {
        if (queuedOrRunning.add(file) && !queue.offer(file)) {
          // The queue is full: the file stays in the inbox and is offered again next scan.
          queuedOrRunning.remove(file);
          break;
        }
      }
      if (config.once()
          && ready.isEmpty()
          && queuedOrRunning.isEmpty()
          && !files.hasUnsettled(Set.of())) {
        return;
      }
      sleep(config.poll());
    }
  }

  /** Waits for the workers to finish their documents; cancels them after the drain timeout. */
  private void drain(List<Thread> workers) {
    long deadline = System.nanoTime() + config.drainTimeout().toNanos();
    for (Thread t : workers) {
      join(t, Math.max(1, deadline - System.nanoTime()));
    }
    if (workers.stream().anyMatch(Thread::isAlive)) {
      // Cancelled documents are not moved: they stay in the inbox for the next run.
      cancellation.cancel();
      for (Thread t : workers) {
        join(t, CANCEL_GRACE.toNanos());
      }
    }
  }

  private void work() {
    while (!stopping) {
      Path file;
      try {
        file = queue.poll(config.poll().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (file != null) {
        try {
          handle(file);
        } catch (IOException | RuntimeException e) {
          // The outbox or inbox cannot be written: the input stays where it is and is retried.
          LOG.warn("Cannot finish {}", file, e);
          listener.on(
              new WatchEvent.Notice(
                  ErrorCode.OUTPUT_FAILED.code()
                      + " Cannot finish "
                      + file
                      + ": "
                      + e.getMessage()));
          sleep(config.poll());
        } finally {
          queuedOrRunning.remove(file);
        }
      }
    }
  }

  private void handle(Path file) throws IOException {
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
          process(file, sha);
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

  private void process(Path file, String sha) throws IOException {
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

  /** The counters so far. */
  public WatchStatus.Counts counts() {
    return status.counts();
  }

  /** Stops taking new files; documents in flight finish. Returns at once. */
  public void stop() {
    stopping = true;
  }

  /**
   * Waits until the watcher has stopped: after {@link #stop()}, or by itself in once mode.
   *
   * @param timeout how long to wait
   * @return whether it stopped
   * @throws InterruptedException when interrupted
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops and waits for documents in flight (bounded by the drain timeout). Safe twice. */
  @Override
  public void close() {
    stop();
    try {
      awaitTermination(config.drainTimeout().plus(CANCEL_GRACE).plusSeconds(5));
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

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void join(Thread t, long nanos) {
    try {
      t.join(Duration.ofNanos(nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Journal journal) {
    try {
      journal.close();
    } catch (IOException e) {
      // nothing left to save
    }
  }
}
