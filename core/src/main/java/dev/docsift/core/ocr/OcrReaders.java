package dev.docsift.core.ocr;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.ocr.ppocr.PpOcrReader;

/** Opens the OCR reader the options name. */
public final class OcrReaders {
  private OcrReaders() {}

  /**
   * Opens a reader.
   *
   * @param options languages, tessdata, pool size and which reader
   * @return the reader, to be closed
   * @throws DocsiftException when the reader's models or libraries cannot be loaded
   */
  public static OcrReader open(OcrOptions options) throws DocsiftException {
    return switch (options.reader()) {
      case TESSERACT -> TesseractReader.create(options);
      case PPOCR -> PpOcrReader.create(options);
      case AUTO -> CombinedReader.open(options);
    };
  }
}
