package dev.docsift.core.engine;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.ocr.OcrReader;

/**
 * One document going through an engine: pages in, in order, then the data. Used by one thread;
 * close it whatever happens, to free work still pending.
 */
public interface DocumentRun extends AutoCloseable {
  /**
   * Takes the next page. The page's image may be dropped by the caller once this returns.
   *
   * @param page the words and, when the engine asked for them, the upright page image
   * @throws DocsiftException when the engine fails on the page
   */
  void page(OcrReader.Reading page) throws DocsiftException;

  /**
   * Writes the data of all the pages given.
   *
   * @return the extraction and the time spent in the engine's own stages
   * @throws DocsiftException when the engine fails, or {@code CANCELLED}
   */
  EngineOutput finish() throws DocsiftException;

  /** Frees what the run still holds; harmless after {@link #finish()} and when called twice. */
  @Override
  void close();
}
