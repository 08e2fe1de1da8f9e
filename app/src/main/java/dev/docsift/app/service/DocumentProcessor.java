package dev.docsift.app.service;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.pipeline.Cancellation;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.core.pipeline.Pipeline;
import dev.docsift.core.pipeline.PipelineConfig;
import dev.docsift.core.pipeline.ProgressListener;
import dev.docsift.schemas.DocumentSchema;
import java.nio.file.Path;

/**
 * What the service runs documents on: a {@link Pipeline}, or in tests something that behaves like
 * one. Thread-safe; holds native memory until closed.
 */
public interface DocumentProcessor extends AutoCloseable {
  /**
   * Processes one document on the calling thread.
   *
   * @param file the input
   * @param schema the target schema
   * @param listener receives the pipeline's events
   * @param cancellation checked between pages
   * @return the result
   * @throws DocsiftException when the document cannot be read, or was cancelled
   */
  ExtractionResult process(
      Path file, DocumentSchema schema, ProgressListener listener, Cancellation cancellation)
      throws DocsiftException;

  /** Frees what the processor holds. Harmless twice. */
  @Override
  void close();

  /** Makes processors for pipeline settings. */
  @FunctionalInterface
  interface Factory {
    /** Real pipelines. */
    Factory PIPELINE =
        config -> {
          Pipeline pipeline = Pipeline.create(config);
          return new DocumentProcessor() {
            @Override
            public ExtractionResult process(
                Path file,
                DocumentSchema schema,
                ProgressListener listener,
                Cancellation cancellation)
                throws DocsiftException {
              return pipeline.process(file, schema, listener, cancellation);
            }

            @Override
            public void close() {
              pipeline.close();
            }
          };
        };

    /**
     * Starts a processor.
     *
     * @param config the settings
     * @return the processor
     * @throws DocsiftException when the engine cannot start (no Tesseract, a missing language)
     */
    DocumentProcessor open(PipelineConfig config) throws DocsiftException;
  }
}
