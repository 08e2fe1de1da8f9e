package dev.docsift.app.service;

/**
 * Receives one job's events. Called from worker threads unless wrapped in a {@link
 * CoalescingListener}, which hands them over to the UI's thread.
 */
@FunctionalInterface
public interface JobListener {
  /**
   * Receives one event.
   *
   * @param event what happened
   */
  void on(JobEvent event);
}
