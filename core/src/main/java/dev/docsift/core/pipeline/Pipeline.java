package dev.docsift.core.pipeline;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.ErrorCode;
import dev.docsift.core.extract.Extraction;
import dev.docsift.core.extract.Extractor;
import dev.docsift.core.extract.SchemaExtractor;
import dev.docsift.core.intake.DocumentOpener;
import dev.docsift.core.intake.PageSource;
import dev.docsift.core.model.DocumentSource;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.PageImage;
import dev.docsift.core.ocr.OcrEngine;
import dev.docsift.schemas.DocumentSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCR engine's path from a file to a result: intake, page by page rendering and OCR, then
 * schema extraction. Documents run in parallel across threads; the pages of one document run in
 * order on one thread, so only one page image of a document is alive at a time.
 *
 * <p>Thread-safe. Must be closed to free the Tesseract handles.
 */
public final class Pipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final DocumentOpener opener;
  private final OcrEngine ocr;
  private final Extractor extractor;
  private final int threads;

  private Pipeline(DocumentOpener opener, OcrEngine ocr, Extractor extractor, int threads) {
    this.opener = opener;
    this.ocr = ocr;
    this.extractor = extractor;
    this.threads = threads;
  }

  /**
   * Creates a pipeline on the embedded OCR engine.
   *
   * @param config the settings
   * @return the pipeline
   * @throws DocsiftException when Tesseract or its language data cannot be had
   */
  public static Pipeline create(PipelineConfig config) throws DocsiftException {
    // One Tesseract handle per worker: each handle serves one thread at a time.
    OcrEngine engine = OcrEngine.create(config.ocr().withPoolSize(config.threads()));
    return new Pipeline(
        new DocumentOpener(config.intake()), engine, new SchemaExtractor(), config.threads());
  }

  /** The OCR engine, for callers that read pages themselves (the benchmark). */
  public OcrEngine ocr() {
    return ocr;
  }

  /**
   * Processes one document on the calling thread.
   *
   * @param file the input
   * @param schema the target schema
   * @param listener receives the document's events (but not {@link ProgressEvent.Done} or {@link
   *     ProgressEvent.Failed}, which {@link #processAll} sends)
   * @param cancellation checked between pages
   * @return the result
   * @throws DocsiftException when the document cannot be read, or was cancelled
   */
  public ExtractionResult process(
      Path file, DocumentSchema schema, ProgressListener listener, Cancellation cancellation)
      throws DocsiftException {
    cancellation.check();
    DocumentSource source = opener.identify(file);
    long renderNanos = 0;
    long ocrNanos = 0;
    List<OcrPage> ocrPages = new ArrayList<>();
    int pageCount;
    try (PageSource pages = opener.open(source)) {
      pageCount = pages.pageCount();
      if (pageCount == 0) {
        throw new DocsiftException(ErrorCode.NO_PAGES, file.getFileName() + " has no pages.");
      }
      listener.on(new ProgressEvent.Started(file, pageCount));
      for (int number = 1; number <= pageCount; number++) {
        cancellation.check();
        long t0 = System.nanoTime();
        PageImage page = pages.page(number);
        long t1 = System.nanoTime();
        listener.on(new ProgressEvent.PageRendered(file, number, pageCount));
        cancellation.check();
        // Only the words are kept: the page's pixels are garbage once OCR has read them.
        ocrPages.add(ocr.recognize(page));
        long t2 = System.nanoTime();
        listener.on(new ProgressEvent.PageRecognised(file, number, pageCount));
        renderNanos += t1 - t0;
        ocrNanos += t2 - t1;
      }
    }
    long t3 = System.nanoTime();
    Extraction extraction = extractor.extract(ocrPages, schema);
    List<String> violations = schema.validate(extraction.data());
    long extractNanos = System.nanoTime() - t3;
    if (!violations.isEmpty()) {
      // The extractor guarantees valid data; reaching this is a defect, reported as such.
      throw new DocsiftException(
          ErrorCode.INTERNAL,
          "The data extracted from "
              + file.getFileName()
              + " does not validate against schema "
              + schema.id()
              + ": "
              + String.join("; ", violations));
    }
    return new ExtractionResult(
        source,
        pageCount,
        schema.id(),
        EngineInfo.OCR,
        extraction.data(),
        extraction.fields(),
        extraction.warnings(),
        new StageTimings(millis(renderNanos), millis(ocrNanos), millis(extractNanos)),
        ocrPages);
  }

  /**
   * Processes documents in parallel. A failing document never stops the others.
   *
   * @param files the inputs
   * @param schema the target schema
   * @param listener receives every event, from worker threads
   * @param cancellation stops the batch between pages; documents not yet started fail as cancelled
   * @return one outcome per input, in input order
   */
  public List<Outcome> processAll(
      List<Path> files,
      DocumentSchema schema,
      ProgressListener listener,
      Cancellation cancellation) {
    int workers = Math.max(1, Math.min(threads, files.size()));
    AtomicInteger counter = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "docsift-worker-" + counter.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (Path file : files) {
        futures.add(pool.submit(() -> processOne(file, schema, listener, cancellation)));
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> future : futures) {
        outcomes.add(await(future));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private Outcome processOne(
      Path file, DocumentSchema schema, ProgressListener listener, Cancellation cancellation) {
    Outcome outcome;
    try {
      outcome = new Outcome.Success(file, process(file, schema, listener, cancellation));
    } catch (DocsiftException e) {
      outcome = new Outcome.Failure(file, e);
    } catch (RuntimeException | OutOfMemoryError e) {
      // A defect or a document too big for the heap: this file fails, the batch goes on.
      LOG.debug("Unexpected failure on {}", file, e);
      outcome =
          new Outcome.Failure(
              file,
              new DocsiftException(
                  e instanceof OutOfMemoryError ? ErrorCode.IMAGE_TOO_LARGE : ErrorCode.INTERNAL,
                  "docsift failed on " + file.getFileName() + ": " + e,
                  e));
    }
    switch (outcome) {
      case Outcome.Success s -> listener.on(new ProgressEvent.Done(file, s.result()));
      case Outcome.Failure f -> listener.on(new ProgressEvent.Failed(file, f.error()));
    }
    return outcome;
  }

  private static Outcome await(Future<Outcome> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a document", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a worker failed outside its guard", e.getCause());
    }
  }

  private static long millis(long nanos) {
    return Math.round(nanos / 1e6);
  }

  /** Frees the Tesseract handles. Safe to call twice. */
  @Override
  public void close() {
    ocr.close();
  }
}
