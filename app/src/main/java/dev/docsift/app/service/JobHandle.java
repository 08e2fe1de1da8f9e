package dev.docsift.app.service;

/** A submitted job. Thread-safe. */
public interface JobHandle {
  /**
   * Asks the job to stop. A queued job ends at once, a running one at its next page; either way its
   * listener gets {@link JobEvent.Cancelled}, unless the job had already ended. Harmless twice.
   */
  void cancel();
}
