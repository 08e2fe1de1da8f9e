package dev.docsift.schemas;

import java.util.Locale;
import java.util.Optional;

/** Where on a page a field without a label is looked for. */
public enum Region {
  /** Anywhere; found through its labels. */
  ANY,
  /** The block of text at the top of the first page (merchant, seller). */
  HEADER;

  /**
   * Parses a region as written in a schema.
   *
   * @param text the keyword value
   * @return the region, or empty when the text names none
   */
  public static Optional<Region> parse(String text) {
    try {
      return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
