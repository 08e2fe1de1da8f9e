package dev.docsift.core.pipeline;

/**
 * Receives progress events. Called from worker threads: implementations must be thread-safe and
 * quick; a UI hands events over to its own thread.
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores everything. */
  ProgressListener NONE = event -> {};

  /**
   * Receives one event.
   *
   * @param event what happened
   */
  void on(ProgressEvent event);
}
