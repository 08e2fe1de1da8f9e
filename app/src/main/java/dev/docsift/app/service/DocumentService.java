package dev.docsift.app.service;

/**
 * The desktop window's way to the pipeline: documents go in, events come out on worker threads.
 * Knows nothing of JavaFX, so tests drive it directly.
 */
public interface DocumentService extends AutoCloseable {
  /**
   * Queues a document. Jobs run in submission order, as many at once as there are workers.
   *
   * @param request the document, schema and pipeline settings
   * @param listener receives the job's events; exactly one of them is terminal
   * @return a handle to cancel the job
   */
  JobHandle submit(JobRequest request, JobListener listener);

  /**
   * Sets how many documents run at once; jobs already running are not disturbed.
   *
   * @param workers at least 1
   */
  void setWorkers(int workers);

  /** Cancels every job and frees the engines. Harmless twice. */
  @Override
  void close();
}
