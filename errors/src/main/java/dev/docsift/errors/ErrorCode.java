package dev.docsift.errors;

/**
 * Stable error codes that users can quote, for every module: the input, OCR, the schema, outputs,
 * model packs, the decoder and the vision encoder. The code strings never change meaning; new
 * failures get new codes. Each module's exception carries one of these ({@link CodedException}), so
 * a code survives every boundary without translation.
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
  /** The PP-OCR models are missing from the build or ONNX Runtime cannot load them. */
  OCR_MODEL_LOAD("DS206"),
  /** The schema was not found. */
  SCHEMA_NOT_FOUND("DS301"),
  /** The schema is not usable. */
  SCHEMA_INVALID("DS302"),
  /** Extraction failed. */
  EXTRACTION_FAILED("DS401"),
  /** An output could not be written. */
  OUTPUT_FAILED("DS501"),
  /** No model pack is installed under the name given, or no pack folder is at the path. */
  MODEL_NOT_FOUND("DS601"),
  /** The pack's pack.json is not valid. */
  MODEL_INVALID("DS602"),
  /** A file the pack lists is missing. */
  MODEL_FILE_MISSING("DS603"),
  /** A file of the pack differs from its SHA-256 in pack.json. */
  MODEL_HASH_MISMATCH("DS604"),
  /** A graph of the pack does not match pack.json. */
  MODEL_GRAPH_MISMATCH("DS605"),
  /** A pack archive holds an entry that would leave its folder, a link, or too much data. */
  MODEL_UNSAFE_ARCHIVE("DS606"),
  /** A pack's download failed (network, HTTP status, refused address). */
  MODEL_DOWNLOAD_FAILED("DS607"),
  /** A pack with the same name is installed already. */
  MODEL_ALREADY_INSTALLED("DS608"),
  /** The pack cannot be read from disk. */
  MODEL_IO("DS609"),
  /** A downloaded model folder cannot be imported as a pack: its configs or graphs do not fit. */
  MODEL_NOT_IMPORTABLE("DS610"),
  /** ONNX Runtime cannot load the decoder's graphs. */
  DECODER_LOAD("DS621"),
  /** The decoder's graphs disagree with the pack's decoder contract. */
  DECODER_CONTRACT("DS622"),
  /** ONNX Runtime failed while decoding. */
  DECODER_FAILED("DS623"),
  /** The prompt (images, instruction) does not fit the model's context. */
  PROMPT_TOO_LONG("DS624"),
  /** The schema constraint allows no token: the schema needs characters the model cannot write. */
  CONSTRAINT_DEAD_END("DS625"),
  /** ONNX Runtime cannot load the vision encoder's graph. */
  VISION_LOAD("DS631"),
  /** The vision encoder's graph does not have the pack's image shapes. */
  VISION_SHAPE("DS632"),
  /** ONNX Runtime failed while encoding page tiles. */
  VISION_FAILED("DS633"),
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
