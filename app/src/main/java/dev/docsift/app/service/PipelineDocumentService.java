package dev.docsift.app.service;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.engine.EngineChoice;
import dev.docsift.core.pipeline.Cancellation;
import dev.docsift.core.pipeline.DocumentScheduler;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.core.pipeline.ProgressEvent;
import dev.docsift.core.pipeline.ProgressListener;
import dev.docsift.errors.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
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
  private final DocumentScheduler scheduler;

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
    this.scheduler =
        new DocumentScheduler(
            DocumentScheduler.Settings.of("docsift-document", workers)
                // Below the UI thread, so a busy machine still paints the window first.
                .withPriority(Thread.NORM_PRIORITY - 1)
                .withIdleTimeout(Duration.ofSeconds(30))
                // On close, running documents are cancelled at once and waited for up to 5 s.
                .withClose(Duration.ZERO, Duration.ofSeconds(5)));
  }

  @Override
  public JobHandle submit(JobRequest request, JobListener listener) {
    Job job = new Job(request, listener);
    job.emit(new JobEvent.Progress(JobEvent.Stage.QUEUED, 0, 0, 0));
    try {
      job.ticket =
          scheduler.submit(
              cancellation -> {
                job.run(cancellation);
                return null;
              });
    } catch (RejectedExecutionException e) {
      job.end(new JobEvent.Failed(ErrorCode.CANCELLED, "docsift is closing: nothing new starts."));
    }
    return job;
  }

  @Override
  public void setWorkers(int workers) {
    checkWorkers(workers);
    scheduler.setConcurrency(workers);
  }

  @Override
  public void close() {
    // Queued jobs are dropped; running ones are cancelled and waited for, then the engines close.
    scheduler.close();
    pool.close();
  }

  private static void checkWorkers(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1: " + workers);
    }
  }

  /** One document's run. */
  private final class Job implements JobHandle {
    private final JobRequest request;
    private final JobListener listener;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile DocumentScheduler.Ticket<Void> ticket; // null when it was refused

    Job(JobRequest request, JobListener listener) {
      this.request = request;
      this.listener = listener;
    }

    @Override
    public void cancel() {
      DocumentScheduler.Ticket<Void> t = ticket;
      // A job still in the queue never runs: it ends here. A running one ends at its next page.
      if (t != null && t.cancel()) {
        end(new JobEvent.Cancelled());
      }
    }

    void run(Cancellation cancellation) {
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
