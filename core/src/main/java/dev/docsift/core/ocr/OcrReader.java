package dev.docsift.core.ocr;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.PageImage;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Reads the words of a page image, with their boxes and confidences: Tesseract ({@link
 * TesseractReader}) or a neural reader on ONNX Runtime.
 *
 * <p>Implementations are thread-safe (several pages may be read at once) and hold native memory:
 * close them; closing twice is harmless.
 */
public interface OcrReader extends AutoCloseable {
  /** The reader's name as {@code --ocr} takes it: {@code tesseract}, {@code ppocr}. */
  String name();

  /**
   * Reads one page: turns it upright and straightens it where the reader does, then recognises it.
   *
   * @param page the page
   * @return the words, boxes in the frame of the returned upright page, and that page
   * @throws DocsiftException OCR_FAILED when recognition fails, CANCELLED when interrupted
   */
  Reading read(PageImage page) throws DocsiftException;

  /**
   * Reads one page and keeps only the words.
   *
   * @param page the page
   * @return the words
   * @throws DocsiftException as {@link #read(PageImage)}
   */
  default OcrPage recognize(PageImage page) throws DocsiftException {
    return read(page).ocr();
  }

  /**
   * Which revision of the reader's own processing this is, so that readings cached by an earlier
   * revision are not taken for this one's ({@link CachedOcrReader}). Bumped when a change alters
   * what the reader returns for the same page.
   */
  default String revision() {
    return "1";
  }

  /** Frees the reader's native handles and sessions. */
  @Override
  void close();

  /**
   * What OCR made of a page: the words, and the upright page they were read on.
   *
   * @param ocr the words, boxes in {@code upright}'s pixel frame
   * @param upright the page as recognised: the original image when it needed no turn or
   *     straightening (colour kept), else the corrected page; not to be written to
   */
  record Reading(OcrPage ocr, BufferedImage upright) {
    /** Validates. */
    public Reading {
      Objects.requireNonNull(ocr, "ocr");
      Objects.requireNonNull(upright, "upright");
    }
  }
}
