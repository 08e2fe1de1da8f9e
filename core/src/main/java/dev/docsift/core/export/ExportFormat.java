package dev.docsift.core.export;

import java.util.Locale;

/** The formats results are exported in. */
public enum ExportFormat {
  /** One pretty-printed JSON envelope per document. */
  JSON("json"),
  /** One compact JSON envelope per line, one file per batch. */
  JSONL("jsonl"),
  /** One row per document, nested fields flattened; array items in a second table. */
  CSV("csv");

  private final String extension;

  ExportFormat(String extension) {
    this.extension = extension;
  }

  /** The file extension, without dot. */
  public String extension() {
    return extension;
  }

  /**
   * Parses a format name, case-insensitively.
   *
   * @param text {@code json}, {@code jsonl} or {@code csv}
   * @return the format
   * @throws IllegalArgumentException naming the formats when the text is none of them
   */
  public static ExportFormat parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unknown format '" + text + "': use json, jsonl or csv.");
    }
  }
}
