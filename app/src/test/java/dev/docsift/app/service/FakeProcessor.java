package dev.docsift.app.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.core.DocsiftException;
import dev.docsift.core.engine.EngineInfo;
import dev.docsift.core.model.DocumentKind;
import dev.docsift.core.model.DocumentSource;
import dev.docsift.core.pipeline.Cancellation;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.core.pipeline.ProgressEvent;
import dev.docsift.core.pipeline.ProgressListener;
import dev.docsift.core.pipeline.StageTimings;
import dev.docsift.schemas.DocumentSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Behaves like a pipeline without Tesseract: reports pages as a pipeline does and checks the
 * cancellation between them; each page waits for a permit when {@link #gated} is set.
 */
final class FakeProcessor implements DocumentProcessor {
  final int pages;
  final AtomicInteger processed = new AtomicInteger();
  final AtomicBoolean closed = new AtomicBoolean();
  final CountDownLatch started = new CountDownLatch(1);
  final Semaphore pagePermits = new Semaphore(0);
  volatile boolean gated;
  volatile RuntimeException defect;

  FakeProcessor(int pages) {
    this.pages = pages;
  }

  @Override
  public ExtractionResult process(
      Path file, DocumentSchema schema, ProgressListener listener, Cancellation cancellation)
      throws DocsiftException {
    processed.incrementAndGet();
    started.countDown();
    listener.on(new ProgressEvent.Started(file, pages));
    for (int p = 1; p <= pages; p++) {
      cancellation.check();
      if (gated) {
        try {
          if (!pagePermits.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no permit for page " + p);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      listener.on(new ProgressEvent.PageRendered(file, p, pages));
      if (defect != null) {
        throw defect;
      }
      listener.on(new ProgressEvent.PageRecognised(file, p, pages));
    }
    return result(file, pages);
  }

  static ExtractionResult result(Path file, int pages) {
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("total", "9.00");
    return new ExtractionResult(
        new DocumentSource(file, "ab".repeat(32), DocumentKind.PDF, 10),
        pages,
        "receipt",
        EngineInfo.OCR,
        data,
        List.of(),
        List.of(),
        new StageTimings(1, 2, 3));
  }

  @Override
  public void close() {
    closed.set(true);
  }
}
