package dev.docsift.core.ocr;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How OCR runs.
 *
 * @param languages Tesseract language names, such as {@code eng} or {@code deu}, at least one
 * @param tessdataPath the folder holding {@code <lang>.traineddata}, or {@code null} to search the
 *     usual places (see {@link TesseractReader#create(OcrOptions)})
 * @param fixOrientation whether pages turned by 90, 180 or 270 degrees are detected and turned
 *     upright (needs {@code osd.traineddata}; skipped when it is absent)
 * @param deskew whether a small skew (up to 5 degrees) is measured and straightened
 * @param poolSize how many pages may be recognised at once, each with its own Tesseract handle
 * @param reader which OCR reader reads page images
 * @param textLayer whether a PDF page's own text layer, where usable, is taken instead of OCR
 */
public record OcrOptions(
    List<String> languages,
    Path tessdataPath,
    boolean fixOrientation,
    boolean deskew,
    int poolSize,
    ReaderChoice reader,
    boolean textLayer) {
  /** Tesseract's names: {@code eng}, {@code chi_sim}, {@code script/Latin}. */
  private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_]+(/[A-Za-z0-9_]+)?");

  /**
   * Options with the default reader and the text layer used.
   *
   * @param languages Tesseract language names
   * @param tessdataPath the tessdata folder, or null to search
   * @param fixOrientation whether pages are turned upright
   * @param deskew whether a small skew is straightened
   * @param poolSize how many pages may be recognised at once
   */
  public OcrOptions(
      List<String> languages,
      Path tessdataPath,
      boolean fixOrientation,
      boolean deskew,
      int poolSize) {
    this(languages, tessdataPath, fixOrientation, deskew, poolSize, ReaderChoice.DEFAULT, true);
  }

  /** Validates and copies. */
  public OcrOptions {
    java.util.Objects.requireNonNull(reader, "reader");
    languages = List.copyOf(languages);
    if (languages.isEmpty()) {
      throw new IllegalArgumentException("at least one OCR language is needed");
    }
    for (String language : languages) {
      if (!LANGUAGE.matcher(language).matches()) {
        throw new IllegalArgumentException("not a Tesseract language name: '" + language + "'");
      }
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
    }
  }

  /** English, tessdata searched for, orientation and skew fixed, one handle per processor. */
  public static OcrOptions defaults() {
    return new OcrOptions(
        List.of("eng"), null, true, true, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Splits a language spec as Tesseract writes it.
   *
   * @param spec such as {@code eng+deu} (commas and spaces also separate); blank means {@code eng}
   * @return the languages in order, without duplicates
   * @throws IllegalArgumentException when a name is not a Tesseract language name
   */
  public static List<String> parseLanguages(String spec) {
    List<String> out = new ArrayList<>();
    if (spec != null) {
      for (String part : spec.split("[+,\\s]+")) {
        if (part.isEmpty() || out.contains(part)) {
          continue;
        }
        if (!LANGUAGE.matcher(part).matches()) {
          throw new IllegalArgumentException("not a Tesseract language name: '" + part + "'");
        }
        out.add(part);
      }
    }
    return out.isEmpty() ? List.of("eng") : List.copyOf(out);
  }

  /** The languages as Tesseract takes them: {@code eng+deu}. */
  public String languageSpec() {
    return String.join("+", languages);
  }

  /** These options with another tessdata folder. */
  public OcrOptions withTessdataPath(Path path) {
    return new OcrOptions(languages, path, fixOrientation, deskew, poolSize, reader, textLayer);
  }

  /** These options with another pool size. */
  public OcrOptions withPoolSize(int size) {
    return new OcrOptions(languages, tessdataPath, fixOrientation, deskew, size, reader, textLayer);
  }

  /** These options with other languages. */
  public OcrOptions withLanguages(List<String> newLanguages) {
    return new OcrOptions(
        newLanguages, tessdataPath, fixOrientation, deskew, poolSize, reader, textLayer);
  }

  /** These options with another reader. */
  public OcrOptions withReader(ReaderChoice newReader) {
    return new OcrOptions(
        languages, tessdataPath, fixOrientation, deskew, poolSize, newReader, textLayer);
  }

  /** These options with the PDF text layer used or not. */
  public OcrOptions withTextLayer(boolean use) {
    return new OcrOptions(languages, tessdataPath, fixOrientation, deskew, poolSize, reader, use);
  }
}
