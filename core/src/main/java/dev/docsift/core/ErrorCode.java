package dev.docsift.core;

/**
 * Stable error codes that users can quote. The code strings never change meaning; new failures get
 * new codes.
 */
public enum ErrorCode {
  /** The input path does not exist. */
  FILE_NOT_FOUND("DS101"),
  /** The input path is a directory or another non-regular file. */
  NOT_A_FILE("DS102"),
  /** The input cannot be read (permissions, I/O error). */
  UNREADABLE("DS103"),
  /** The input file is empty. */
  EMPTY_FILE("DS104"),
  /** The input is not a PDF, PNG, JPEG or TIFF. */
  UNSUPPORTED_FORMAT("DS105"),
  /** The PDF is damaged or truncated. */
  CORRUPT_PDF("DS106"),
  /** The PDF is encrypted and no password was given. */
  ENCRYPTED_PDF("DS107"),
  /** The PDF is encrypted and the password given does not open it. */
  WRONG_PASSWORD("DS108"),
  /** The image or page is too large to decode safely. */
  IMAGE_TOO_LARGE("DS109"),
  /** The image cannot be decoded. */
  CORRUPT_IMAGE("DS110"),
  /** The document has no pages. */
  NO_PAGES("DS111"),
  /** No tessdata folder with the needed traineddata was found. */
  TESSDATA_NOT_FOUND("DS201"),
  /** A requested OCR language has no traineddata installed. */
  LANGUAGE_MISSING("DS202"),
  /** The Tesseract library cannot be loaded. */
  TESSERACT_UNAVAILABLE("DS203"),
  /** Tesseract failed on a page. */
  OCR_FAILED("DS204"),
  /** A traineddata file exists but Tesseract cannot load it (damaged, or for another version). */
  TESSDATA_INVALID("DS205"),
  /** The schema was not found. */
  SCHEMA_NOT_FOUND("DS301"),
  /** The schema is not usable. */
  SCHEMA_INVALID("DS302"),
  /** Extraction failed. */
  EXTRACTION_FAILED("DS401"),
  /** An output could not be written. */
  OUTPUT_FAILED("DS501"),
  /** The work was cancelled. */
  CANCELLED("DS900"),
  /** A defect in docsift itself. */
  INTERNAL("DS999");

  private final String code;

  ErrorCode(String code) {
    this.code = code;
  }

  /** The stable code, such as {@code DS107}. */
  public String code() {
    return code;
  }
}
