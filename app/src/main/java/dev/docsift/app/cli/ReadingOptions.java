package dev.docsift.app.cli;

import dev.docsift.core.engine.EngineChoice;
import dev.docsift.core.intake.IntakeOptions;
import dev.docsift.core.ocr.OcrOptions;
import dev.docsift.core.ocr.ReaderChoice;
import dev.docsift.core.pipeline.PipelineConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How pages are read, the same for {@code extract}, {@code watch} and {@code eval}. */
final class ReadingOptions {
  private static final int MIN_DPI = 50;
  private static final int MAX_DPI = 1200;

  @Option(
      names = "--dpi",
      paramLabel = "N",
      defaultValue = "300",
      description = "Resolution for rendering PDF pages. Default: ${DEFAULT-VALUE}.")
  int dpi;

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
   * How documents are opened and rendered.
   *
   * @param password the password of encrypted PDFs, or null
   * @return the options
   * @throws IllegalArgumentException when --dpi is out of range, with a sentence for the user
   */
  IntakeOptions intake(String password) {
    if (dpi < MIN_DPI || dpi > MAX_DPI) {
      throw new IllegalArgumentException(
          "--dpi must be between " + MIN_DPI + " and " + MAX_DPI + ": " + dpi);
    }
    return new IntakeOptions(dpi, password, IntakeOptions.defaults().maxPixels());
  }

  /**
   * A pipeline's settings: these reading options with an engine.
   *
   * @param password the password of encrypted PDFs, or null
   * @param workers how many documents run at once
   * @param engine the engine
   * @return the settings
   * @throws IllegalArgumentException as {@link #intake} and {@link #ocrOptions}
   */
  PipelineConfig pipeline(String password, int workers, EngineChoice engine) {
    return new PipelineConfig(intake(password), ocrOptions(workers), workers, engine);
  }

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
