package dev.docsift.core.watch;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.pipeline.Cancellation;
import dev.docsift.core.pipeline.DocumentScheduler;
import dev.docsift.core.pipeline.Pipeline;
import dev.docsift.errors.ErrorCode;
import dev.docsift.schemas.DocumentSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
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
 * <p>This class schedules: one thread scans the inbox and hands settled files to a {@link
 * DocumentScheduler}; {@link InboxTransaction} is the transaction each file goes through. Bounded:
 * the scheduler's queue holds twice the worker count beyond the files being processed, and each
 * worker holds one document at a time. Thread-safe; close to stop (waits for documents in flight).
 */
public final class FolderWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FolderWatcher.class);
  private static final Duration CANCEL_GRACE = Duration.ofSeconds(30);

  private final WatchConfig config;
  private final WatchListener listener;
  private final Pipeline pipeline;
  private final Journal journal;
  private final WatchStatus status;
  private final InboxTransaction transaction;
  private final DocumentScheduler scheduler;
  private final Set<Path> queuedOrRunning = ConcurrentHashMap.newKeySet();
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
    this.listener = listener;
    this.pipeline = pipeline;
    this.journal = journal;
    this.status = new WatchStatus(config.statusFile());
    this.transaction =
        new InboxTransaction(config, schema, listener, pipeline, journal, status, done);
    int workers = config.pipeline().threads();
    // Close lets documents in flight finish for the drain timeout, then cancels them.
    this.scheduler =
        new DocumentScheduler(
            DocumentScheduler.Settings.of("docsift-watch-worker", workers)
                .withQueueCapacity(2 * workers)
                .withClose(config.drainTimeout(), CANCEL_GRACE));
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
      watcher.transaction.recover(recovery.interrupted());
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

  private void run() {
    try {
      scan();
    } catch (RuntimeException e) {
      LOG.warn("The inbox scan failed", e);
      listener.on(new WatchEvent.Notice("The inbox cannot be scanned: " + e.getMessage()));
    } finally {
      stopping = true;
      // Files still queued are dropped and stay in the inbox. Documents in flight may finish for
      // the drain timeout; then they are cancelled, and cancelled documents are not moved: they
      // stay in the inbox for the next run (the claim without a result is rolled back on start).
      scheduler.close();
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
        if (queuedOrRunning.add(file) && !offer(file)) {
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

  /** Hands a file to a worker; false when the queue is full. */
  private boolean offer(Path file) {
    try {
      scheduler.submit(
          cancellation -> {
            work(file, cancellation);
            return null;
          });
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  private void work(Path file, Cancellation cancellation) {
    try {
      if (stopping) {
        return; // stopped while the file was queued: it stays in the inbox for the next run
      }
      transaction.handle(file, cancellation);
    } catch (IOException | RuntimeException e) {
      // The outbox or inbox cannot be written: the input stays where it is and is retried.
      LOG.warn("Cannot finish {}", file, e);
      listener.on(
          new WatchEvent.Notice(
              ErrorCode.OUTPUT_FAILED.code() + " Cannot finish " + file + ": " + e.getMessage()));
      // The worker pauses before its next file, so a full disk is not hammered.
      sleep(config.poll());
    } finally {
      queuedOrRunning.remove(file);
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
    return InboxTransaction.sha256(file);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
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
