package dev.docsift.app.cli;

import dev.docsift.core.ocr.OcrOptions;
import dev.docsift.core.ocr.ReaderChoice;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How pages are read, the same for {@code extract}, {@code watch} and {@code eval}. */
final class ReadingOptions {
  @Option(
      names = "--ocr",
      paramLabel = "auto|tesseract|ppocr",
      defaultValue = "auto",
      description =
          "Which OCR reads page images: auto (PP-OCR, with Tesseract reading unsure lines again and"
              + " languages PP-OCR does not read), tesseract, or ppocr (PaddleOCR's PP-OCRv4"
              + " models). Default: ${DEFAULT-VALUE}.")
  String ocr;

  @Option(
      names = "--lang",
      paramLabel = "L",
      defaultValue = "eng",
      description = "OCR languages joined with '+', e.g. eng+deu. Default: ${DEFAULT-VALUE}.")
  String lang;

  @Option(
      names = "--tessdata",
      paramLabel = "DIR",
      description =
          "Folder of Tesseract's *.traineddata. Default: $TESSDATA_PREFIX, then the system's.")
  Path tessdata;

  @Option(
      names = "--no-text-layer",
      description = "OCR every PDF page, even where the PDF has usable text of its own.")
  boolean noTextLayer;

  /**
   * The OCR options these settings give.
   *
   * @param workers how many pages are read at once
   * @return the options, orientation and skew fixed
   * @throws IllegalArgumentException for an unknown reader or language name, with a sentence for
   *     the user
   */
  OcrOptions ocrOptions(int workers) {
    return new OcrOptions(OcrOptions.parseLanguages(lang), tessdata, true, true, workers)
        .withReader(ReaderChoice.parse(ocr))
        .withTextLayer(!noTextLayer);
  }
}
