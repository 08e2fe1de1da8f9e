package dev.docsift.core.pipeline;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.engine.DocumentEngine;
import dev.docsift.core.engine.DocumentRun;
import dev.docsift.core.engine.EngineChoice;
import dev.docsift.core.engine.EngineEvents;
import dev.docsift.core.engine.EngineInfo;
import dev.docsift.core.engine.EngineOutput;
import dev.docsift.core.engine.OcrExtractionEngine;
import dev.docsift.core.extract.Extraction;
import dev.docsift.core.intake.DocumentOpener;
import dev.docsift.core.intake.PageSource;
import dev.docsift.core.model.DocumentSource;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.PageImage;
import dev.docsift.core.ocr.CachedOcrReader;
import dev.docsift.core.ocr.OcrOptions;
import dev.docsift.core.ocr.OcrReader;
import dev.docsift.core.ocr.OcrReaders;
import dev.docsift.core.slm.SlmEngine;
import dev.docsift.errors.ErrorCode;
import dev.docsift.schemas.DocumentSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path from a file to a result: intake, page by page rendering and OCR, then the engine (the
 * embedded OCR extractor, or a model pack on the slm engine). Documents run in parallel across
 * threads; the pages of one document run in order on one thread, so only one page image of a
 * document is alive at a time (the slm engine may hold one more while it encodes it).
 *
 * <p>Thread-safe. Must be closed to free the Tesseract handles and model sessions.
 */
public final class Pipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final DocumentOpener opener;
  private final OcrReader ocr;
  private final DocumentEngine engine;
  private final int threads;
  private final boolean textLayer;

  /** The page image of a reading taken from a PDF's text layer, which no engine looks at. */
  private static final java.awt.image.BufferedImage TEXT_ONLY =
      new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);

  private Pipeline(
      DocumentOpener opener, OcrReader ocr, DocumentEngine engine, int threads, boolean textLayer) {
    this.textLayer = textLayer;
    this.opener = opener;
    this.ocr = ocr;
    this.engine = engine;
    this.threads = threads;
  }

  /**
   * Creates a pipeline on the engine the settings name.
   *
   * @param config the settings
   * @return the pipeline
   * @throws DocsiftException when Tesseract or its language data cannot be had, or the model pack
   *     cannot be opened
   */
  public static Pipeline create(PipelineConfig config) throws DocsiftException {
    return create(config, null);
  }

  /**
   * Creates a pipeline whose OCR readings are kept in a cache folder, so that reading the same
   * pages again (measuring the extractor on a test set) skips OCR.
   *
   * @param config the settings
   * @param ocrCache the cache folder, or null for none
   * @return the pipeline
   * @throws DocsiftException as {@link #create(PipelineConfig)}
   */
  public static Pipeline create(PipelineConfig config, Path ocrCache) throws DocsiftException {
    // One Tesseract handle per worker: each handle serves one thread at a time.
    OcrOptions options = config.ocr().withPoolSize(config.threads());
    OcrReader ocr = OcrReaders.open(options);
    if (ocrCache != null) {
      ocr = new CachedOcrReader(ocr, ocrCache, options);
    }
    DocumentEngine engine;
    try {
      engine =
          switch (config.engine()) {
            case EngineChoice.Ocr o -> new OcrExtractionEngine();
            case EngineChoice.Slm slm -> SlmEngine.open(slm);
          };
    } catch (DocsiftException | RuntimeException e) {
      ocr.close();
      throw e;
    }
    return new Pipeline(
        new DocumentOpener(config.intake()), ocr, engine, config.threads(), options.textLayer());
  }

  /** The OCR reader, for callers that read pages themselves (the benchmark). */
  public OcrReader ocr() {
    return ocr;
  }

  /** The engine that writes the data. */
  public EngineInfo engineInfo() {
    return engine.info();
  }

  /**
   * Processes one document on the calling thread.
   *
   * @param file the input
   * @param schema the target schema
   * @param listener receives the document's events (but not {@link ProgressEvent.Done} or {@link
   *     ProgressEvent.Failed}, which {@link #processAll} sends)
   * @param cancellation checked between pages and during long engine steps
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
    long engineNanos = 0;
    int pageCount;
    EngineOutput output;
    List<String> intakeWarnings;
    List<OcrPage> ocrPages = new ArrayList<>();
    try (PageSource pages = opener.open(source)) {
      pageCount = pages.pageCount();
      if (pageCount == 0) {
        throw new DocsiftException(ErrorCode.NO_PAGES, file.getFileName() + " has no pages.");
      }
      listener.on(new ProgressEvent.Started(file, pageCount));
      try (DocumentRun run =
          engine.start(
              file,
              schema,
              pageCount,
              events(file, pageCount, listener),
              cancellation::isCancelled)) {
        for (int number = 1; number <= pageCount; number++) {
          cancellation.check();
          long t0 = System.nanoTime();
          OcrPage layer = textLayer ? pages.textLayer(number) : null;
          long t1 = System.nanoTime();
          OcrReader.Reading reading;
          if (layer != null && !engine.needsPageImages()) {
            // Born-digital: the PDF's own words, exact; nothing to render or read.
            reading = new OcrReader.Reading(layer, TEXT_ONLY);
            listener.on(new ProgressEvent.PageRendered(file, number, pageCount));
          } else {
            PageImage page = pages.page(number);
            t1 = System.nanoTime();
            listener.on(new ProgressEvent.PageRendered(file, number, pageCount));
            cancellation.check();
            if (layer != null) {
              reading =
                  new OcrReader.Reading(layer.scaledTo(page.width(), page.height()), page.image());
            } else {
              reading =
                  engine.needsPageImages()
                      ? ocr.read(page)
                      : new OcrReader.Reading(ocr.recognize(page), page.image());
            }
          }
          long t2 = System.nanoTime();
          listener.on(new ProgressEvent.PageRecognised(file, number, pageCount));
          ocrPages.add(reading.ocr());
          run.page(reading);
          renderNanos += t1 - t0;
          ocrNanos += t2 - t1;
          engineNanos += System.nanoTime() - t2;
        }
        long t3 = System.nanoTime();
        output = run.finish();
        engineNanos += System.nanoTime() - t3;
      }
      intakeWarnings = pages.warnings();
    }
    Extraction extraction = output.extraction();
    List<String> violations = schema.validate(extraction.data());
    if (!violations.isEmpty()) {
      // The engines guarantee valid data; reaching this is a defect, reported as such.
      throw new DocsiftException(
          ErrorCode.INTERNAL,
          "The data extracted from "
              + file.getFileName()
              + " does not validate against schema "
              + schema.id()
              + ": "
              + String.join("; ", violations));
    }
    List<String> warnings = new ArrayList<>(engine.warnings());
    warnings.addAll(intakeWarnings);
    warnings.addAll(extraction.warnings());
    return new ExtractionResult(
        source,
        pageCount,
        schema.id(),
        engine.info(),
        extraction.data(),
        extraction.fields(),
        warnings,
        new StageTimings(
            millis(renderNanos),
            millis(ocrNanos),
            millis(engineNanos),
            output.stageMillis(),
            output.counts()),
        ocrPages,
        output.tiles());
  }

  /** The engine's progress as pipeline events of this document. */
  private static EngineEvents events(Path file, int pages, ProgressListener listener) {
    return new EngineEvents() {
      @Override
      public void tilesEncoded(int page, int tiles, int encoded) {
        listener.on(new ProgressEvent.TilesEncoded(file, page, pages, tiles, encoded));
      }

      @Override
      public void tokensGenerated(int tokens, int maxTokens) {
        listener.on(new ProgressEvent.Generating(file, tokens, maxTokens));
      }
    };
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
    // The batch's own pool, gone with the batch. Its close only matters when this thread is
    // interrupted while waiting: it then drops the documents not yet started and cancels the
    // running ones through their own tokens (the caller's token is left alone), without waiting.
    try (DocumentScheduler scheduler =
        new DocumentScheduler(
            DocumentScheduler.Settings.of("docsift-worker", workers)
                .withClose(Duration.ZERO, Duration.ZERO))) {
      List<DocumentScheduler.Ticket<Outcome>> tickets = new ArrayList<>();
      for (Path file : files) {
        tickets.add(scheduler.submit(c -> processOne(file, schema, listener, c), cancellation));
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (DocumentScheduler.Ticket<Outcome> ticket : tickets) {
        outcomes.add(await(ticket));
      }
      return outcomes;
    }
  }

  private Outcome processOne(
      Path file, DocumentSchema schema, ProgressListener listener, Cancellation cancellation) {
    Outcome outcome;
    try {
      outcome = new Outcome.Success(file, process(file, schema, listener, cancellation));
    } catch (DocsiftException e) {
      outcome = new Outcome.Failure(file, e);
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      // A defect (a recursion too deep for one document's text included) or a document too big
      // for the heap: this file fails, the batch goes on.
      LOG.debug("Unexpected failure on {}", file, e);
      outcome = new Outcome.Failure(file, DocsiftException.unexpected(file, e));
    }
    switch (outcome) {
      case Outcome.Success s -> listener.on(new ProgressEvent.Done(file, s.result()));
      case Outcome.Failure f -> listener.on(new ProgressEvent.Failed(file, f.error()));
    }
    return outcome;
  }

  private static Outcome await(DocumentScheduler.Ticket<Outcome> ticket) {
    try {
      return ticket.get();
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

  /** Frees the Tesseract handles and the engine's sessions. Safe to call twice. */
  @Override
  public void close() {
    try {
      engine.close();
    } finally {
      ocr.close();
    }
  }
}
