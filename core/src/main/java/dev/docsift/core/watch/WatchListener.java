package dev.docsift.core.watch;

/**
 * Receives a folder watch's events. Called from worker threads: implementations must be thread-safe
 * and quick.
 */
@FunctionalInterface
public interface WatchListener {
  /** A listener that ignores everything. */
  WatchListener NONE = event -> {};

  /**
   * Receives one event.
   *
   * @param event what happened
   */
  void on(WatchEvent event);
}
