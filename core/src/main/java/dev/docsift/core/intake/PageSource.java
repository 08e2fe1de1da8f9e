package dev.docsift.core.intake;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.PageImage;
import java.util.List;

/**
 * The pages of one open document, decoded or rendered one at a time on demand, so that memory holds
 * the current page alone however long the document is.
 *
 * <p>Not thread-safe: one thread uses a page source at a time (PDFBox documents are not
 * thread-safe). Holds an open file: close it, ideally with try-with-resources.
 */
public interface PageSource extends AutoCloseable {
  /** How many pages the document has, at least 1. */
  int pageCount();

  /**
   * Decodes or renders one page. Nothing of it is cached: asking twice does the work twice.
   *
   * @param number the 1-based page number, at most {@link #pageCount()}
   * @return the page's pixels and resolution
   * @throws DocsiftException IMAGE_TOO_LARGE when the page would exceed the pixel limit,
   *     CORRUPT_PDF or CORRUPT_IMAGE when it cannot be decoded
   * @throws IllegalArgumentException when the number is out of range
   * @throws IllegalStateException after {@link #close()}
   */
  PageImage page(int number) throws DocsiftException;

  /**
   * The page's own text layer, where the document has a usable one (a born-digital PDF): words with
   * boxes in the pixel frame {@link #page(int)} renders to at the requested resolution.
   *
   * @param number the 1-based page number
   * @return the words, or null when the page must be read by OCR (images; scans; text layers
   *     without text, without Unicode, or of garbage)
   */
  default OcrPage textLayer(int number) {
    return null;
  }

  /**
   * What was noticed while decoding the pages so far that the result should mention (a damaged
   * image read as far as it went), one sentence each.
   */
  default List<String> warnings() {
    return List.of();
  }

  /** Releases the file. Closing twice is harmless. */
  @Override
  void close();
}
