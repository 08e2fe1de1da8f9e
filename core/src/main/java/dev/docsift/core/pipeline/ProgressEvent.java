package dev.docsift.core.pipeline;

import dev.docsift.core.DocsiftException;
import java.nio.file.Path;

/**
 * What the pipeline reports while it works, document by document. Events for one document arrive in
 * order from the thread that processes it; events of different documents interleave.
 */
public sealed interface ProgressEvent {
  /** The document the event is about. */
  Path file();

  /**
   * The document was opened.
   *
   * @param file the document
   * @param pages its page count
   */
  record Started(Path file, int pages) implements ProgressEvent {}

  /**
   * A page was rendered or decoded.
   *
   * @param file the document
   * @param page the 1-based page
   * @param pages the page count
   */
  record PageRendered(Path file, int page, int pages) implements ProgressEvent {}

  /**
   * A page was read by OCR.
   *
   * @param file the document
   * @param page the 1-based page
   * @param pages the page count
   */
  record PageRecognised(Path file, int page, int pages) implements ProgressEvent {}

  /**
   * A page's tiles went through the slm engine's vision encoder.
   *
   * @param file the document
   * @param page the 1-based page
   * @param pages the page count
   * @param tiles the tiles the whole page takes, thumbnail included
   * @param encoded how many were encoded; the others were saved by cutting the page to its words or
   *     were blank and pruned
   */
  record TilesEncoded(Path file, int page, int pages, int tiles, int encoded)
      implements ProgressEvent {}

  /**
   * The slm engine's decoder wrote more of the document.
   *
   * @param file the document
   * @param tokens tokens written so far
   * @param maxTokens the most it may write
   */
  record Generating(Path file, int tokens, int maxTokens) implements ProgressEvent {}

  /**
   * The document's result is complete.
   *
   * @param file the document
   * @param result the result
   */
  record Done(Path file, ExtractionResult result) implements ProgressEvent {}

  /**
   * The document failed; other documents go on.
   *
   * @param file the document
   * @param error why
   */
  record Failed(Path file, DocsiftException error) implements ProgressEvent {}
}
