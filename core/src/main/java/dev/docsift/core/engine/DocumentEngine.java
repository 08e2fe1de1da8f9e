package dev.docsift.core.engine;

import dev.docsift.core.DocsiftException;
import dev.docsift.schemas.DocumentSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What turns a document's recognised pages into schema data: the embedded OCR extractor, or a model
 * pack on the slm engine. The pipeline renders and recognises pages and hands each to a {@link
 * DocumentRun}; the engine writes the data once all pages are in.
 *
 * <p>Thread-safe: several documents may run at once, each with its own {@link DocumentRun}. Holds
 * native memory (model sessions): close it; closing twice is harmless.
 */
public interface DocumentEngine extends AutoCloseable {
  /** Which engine this is, for the result envelope. */
  EngineInfo info();

  /**
   * Warnings that hold for every document this engine reads, such as a fallback from the execution
   * provider that was asked for.
   */
  List<String> warnings();

  /** Whether runs need the upright page images, not only the words (the OCR engine does not). */
  boolean needsPageImages();

  /**
   * Starts a document.
   *
   * @param file the input, for messages
   * @param schema the target schema
   * @param pages how many pages will follow
   * @param events receives the engine's progress, on the calling thread or the engine's own
   * @param cancelled polled during long steps; when it turns true the run ends with {@code
   *     CANCELLED}
   * @return the run, to be closed
   * @throws DocsiftException when the engine cannot take the document (a schema it cannot write)
   */
  DocumentRun start(
      Path file, DocumentSchema schema, int pages, EngineEvents events, BooleanSupplier cancelled)
      throws DocsiftException;

  /** Frees the engine's sessions. */
  @Override
  void close();
}
