package dev.docsift.app.service;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.ErrorCode;
import dev.docsift.core.engine.EngineChoice;
import dev.docsift.core.pipeline.Cancellation;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.core.pipeline.ProgressEvent;
import dev.docsift.core.pipeline.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs documents on pipelines in a pool of worker threads, one document per worker, and turns the
 * pipeline's events into {@link JobEvent}s. Thread-safe.
 */
public final class PipelineDocumentService implements DocumentService {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineDocumentService.class);

  /** Share of a page's work that rendering takes; OCR takes the rest. */
  private static final double RENDER_SHARE = 0.1;

  /** Share of the whole job left for extraction once every page is read (the OCR engine). */
  private static final double EXTRACT_SHARE = 0.03;

  /** The same for the slm engine, whose decoder writes for about as long as pages are read. */
  private static final double SLM_EXTRACT_SHARE = 0.5;

  private final ProcessorPool pool;
  private final ThreadPoolExecutor executor;

  /**
   * Creates the service on real pipelines.
   *
   * @param workers how many documents run at once
   */
  public PipelineDocumentService(int workers) {
    this(DocumentProcessor.Factory.PIPELINE, workers);
  }

  /**
   * Creates the service on given processors (tests).
   *
   * @param factory makes a processor for pipeline settings
   * @param workers how many documents run at once
   */
  public PipelineDocumentService(DocumentProcessor.Factory factory, int workers) {
    checkWorkers(workers);
    this.pool = new ProcessorPool(factory);
    AtomicInteger counter = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            workers,
            workers,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "docsift-document-" + counter.incrementAndGet());
              t.setDaemon(true);
              // Below the UI thread, so a busy machine still paints the window first.
              t.setPriority(Thread.NORM_PRIORITY - 1);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
  }

  @Override
  public JobHandle submit(JobRequest request, JobListener listener) {
    Job job = new Job(request, listener);
    job.emit(new JobEvent.Progress(JobEvent.Stage.QUEUED, 0, 0, 0));
    try {
      executor.execute(job::run);
    } catch (RejectedExecutionException e) {
      job.end(new JobEvent.Failed(ErrorCode.CANCELLED, "docsift is closing: nothing new starts."));
    }
    return job;
  }

  @Override
  public synchronized void setWorkers(int workers) {
    checkWorkers(workers);
    // Raise the maximum first when growing, the core first when shrinking: core <= max always.
    if (workers > executor.getMaximumPoolSize()) {
      executor.setMaximumPoolSize(workers);
      executor.setCorePoolSize(workers);
    } else {
      executor.setCorePoolSize(workers);
      executor.setMaximumPoolSize(workers);
    }
  }

  @Override
  public void close() {
    List<Runnable> queued = executor.shutdownNow();
    LOG.debug("{} queued jobs dropped on close", queued.size());
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pool.close();
  }

  private static void checkWorkers(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1: " + workers);
    }
  }

  private static final int QUEUED = 0;
  private static final int RUNNING = 1;
  private static final int CANCELLED = 2;

  /** One document's run. */
  private final class Job implements JobHandle {
    private final JobRequest request;
    private final JobListener listener;
    private final Cancellation cancellation = new Cancellation();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicInteger state = new AtomicInteger(QUEUED);

    Job(JobRequest request, JobListener listener) {
      this.request = request;
      this.listener = listener;
    }

    @Override
    public void cancel() {
      cancellation.cancel();
      // A job still in the queue never runs: it ends here. A running one ends at its next page.
      if (state.compareAndSet(QUEUED, CANCELLED)) {
        end(new JobEvent.Cancelled());
      }
    }

    void run() {
      if (!state.compareAndSet(QUEUED, RUNNING)) {
        return; // cancelled while queued
      }
      emit(new JobEvent.Progress(JobEvent.Stage.STARTING, 0, 0, 0));
      try (ProcessorPool.Lease lease = pool.acquire(request.config())) {
        ExtractionResult result =
            lease
                .processor()
                .process(
                    request.file(),
                    request.schema(),
                    new Progress(
                        this,
                        request.config().engine() instanceof EngineChoice.Slm
                            ? SLM_EXTRACT_SHARE
                            : EXTRACT_SHARE),
                    cancellation);
        end(new JobEvent.Finished(result, notices(result)));
      } catch (DocsiftException e) {
        end(e.code() == ErrorCode.CANCELLED ? new JobEvent.Cancelled() : JobEvent.Failed.of(e));
      } catch (RuntimeException | OutOfMemoryError e) {
        // A defect, or a page too big for the heap: this document fails, the window goes on.
        UserMessages.logDefect(LOG, "Unexpected failure on " + request.file(), e);
        end(JobEvent.Failed.of(DocsiftException.unexpected(request.file(), e)));
      }
    }

    private List<String> notices(ExtractionResult result) {
      List<String> notices = new ArrayList<>();
      if (request.config().engine() instanceof EngineChoice.Slm slm
          && !result.engine().name().equals(slm.name())) {
        notices.add(
            "The model pack "
                + slm.model()
                + " was asked for, but this build read the document with the "
                + result.engine().name()
                + " engine.");
      }
      return notices;
    }

    void emit(JobEvent event) {
      if (ended.get()) {
        return;
      }
      try {
        listener.on(event);
      } catch (RuntimeException e) {
        UserMessages.logDefect(LOG, "A job listener failed on " + event, e);
      }
    }

    void end(JobEvent event) {
      if (ended.compareAndSet(false, true)) {
        try {
          listener.on(event);
        } catch (RuntimeException e) {
          UserMessages.logDefect(LOG, "A job listener failed on " + event, e);
        }
      }
    }
  }

  /** Maps the pipeline's events to progress: pages weigh the same, OCR most of each page. */
  private static final class Progress implements ProgressListener {
    private final Job job;
    private final double extractShare;

    Progress(Job job, double extractShare) {
      this.job = job;
      this.extractShare = extractShare;
    }

    @Override
    public void on(ProgressEvent event) {
      // A default branch, not an exhaustive switch: engines may add events this window ignores.
      switch (event) {
        case ProgressEvent.Started s ->
            job.emit(new JobEvent.Progress(JobEvent.Stage.OPENING, 0, s.pages(), 0));
        case ProgressEvent.PageRendered p ->
            job.emit(
                new JobEvent.Progress(
                    JobEvent.Stage.READING,
                    p.page(),
                    p.pages(),
                    pages(p.page() - 1 + RENDER_SHARE, p.pages())));
        case ProgressEvent.PageRecognised p -> {
          boolean last = p.page() == p.pages();
          job.emit(
              new JobEvent.Progress(
                  last ? JobEvent.Stage.EXTRACTING : JobEvent.Stage.RENDERING,
                  last ? p.page() : p.page() + 1,
                  p.pages(),
                  pages(p.page(), p.pages())));
        }
        case ProgressEvent.TilesEncoded t ->
            job.emit(
                new JobEvent.Progress(
                    JobEvent.Stage.ENCODING, t.page(), t.pages(), pages(t.page(), t.pages())));
        case ProgressEvent.Generating g ->
            job.emit(
                new JobEvent.Progress(
                    JobEvent.Stage.WRITING,
                    0,
                    0,
                    Math.min(
                        1,
                        1
                            - extractShare
                            + extractShare * g.tokens() / Math.max(1, g.maxTokens()))));
        default -> {}
      }
    }

    private double pages(double done, int pages) {
      return Math.min(1, done / Math.max(1, pages) * (1 - extractShare));
    }
  }
}
