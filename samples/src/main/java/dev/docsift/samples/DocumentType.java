package dev.docsift.samples;

import java.util.Locale;

/** The kinds of document the generator makes, each with the shipped schema its truth follows. */
public enum DocumentType {
  /** A till or card receipt; its truth follows the shipped {@code receipt} schema. */
  RECEIPT,
  /** A supplier's invoice; its truth follows the shipped {@code invoice} schema. */
  INVOICE;

  /**
   * The id of the shipped schema this type's truth validates against, also the file name prefix.
   *
   * @return {@code "receipt"} or {@code "invoice"}
   */
  public String schemaId() {
    return name().toLowerCase(Locale.ROOT);
  }
}
