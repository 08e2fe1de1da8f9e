package dev.docsift.app.service;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.watch.FolderWatcher;
import dev.docsift.core.watch.WatchConfig;
import dev.docsift.core.watch.WatchListener;
import dev.docsift.core.watch.WatchStatus;
import dev.docsift.schemas.DocumentSchema;
import java.time.Duration;

/** Starts folder watches: the service behind {@code docsift watch}, reached from the window. */
@FunctionalInterface
public interface WatchService {
  /** Watches on {@link FolderWatcher}. */
  WatchService FOLDER_WATCHER =
      (config, schema, listener) -> {
        FolderWatcher watcher = FolderWatcher.start(config, schema, listener);
        return new Session() {
          @Override
          public WatchStatus.Counts counts() {
            return watcher.counts();
          }

          @Override
          public void stop() {
            watcher.stop();
          }

          @Override
          public boolean awaitStopped(Duration timeout) throws InterruptedException {
            return watcher.awaitTermination(timeout);
          }
        };
      };

  /**
   * Replays the watch's journal and starts watching. Blocks while the engine starts: call it off
   * the UI thread.
   *
   * @param config inbox, outbox, format and pipeline
   * @param schema the target schema
   * @param listener receives events from worker threads
   * @return the running watch
   * @throws DocsiftException when the inbox is missing, the outbox cannot be written or the engine
   *     cannot start
   */
  Session start(WatchConfig config, DocumentSchema schema, WatchListener listener)
      throws DocsiftException;

  /** A running watch. Thread-safe. */
  interface Session {
    /** The counters so far. */
    WatchStatus.Counts counts();

    /** Stops taking files; documents in flight finish. Returns at once. */
    void stop();

    /**
     * Waits until the watch has stopped.
     *
     * @param timeout how long to wait
     * @return whether it stopped
     * @throws InterruptedException when interrupted
     */
    boolean awaitStopped(Duration timeout) throws InterruptedException;
  }
}
