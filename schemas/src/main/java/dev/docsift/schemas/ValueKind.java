package dev.docsift.schemas;

import java.util.Locale;
import java.util.Optional;

/**
 * What kind of value a schema field holds, as far as extraction is concerned. Carried by the {@code
 * x-docsift} keyword's {@code kind}; inferred from the JSON type and format when absent.
 */
public enum ValueKind {
  /** A short piece of text on one line. */
  TEXT,
  /** A name: of a merchant, a company, a person. */
  NAME,
  /** A postal address, possibly over several lines; lines are joined with ", ". */
  ADDRESS,
  /** A calendar date, normalised to ISO 8601 {@code yyyy-MM-dd}. */
  DATE,
  /** A time of day, normalised to {@code HH:mm} or {@code HH:mm:ss}. */
  TIME,
  /** An amount of money, normalised to a decimal string with two places. */
  MONEY,
  /** An ISO 4217 currency code. */
  CURRENCY,
  /** An identifier such as an invoice number or a tax id: one token, as printed. */
  ID,
  /** A plain number. */
  NUMBER,
  /** An object whose fields describe a party (name, address, tax id). */
  PARTY,
  /** An object whose fields are extracted each on their own. */
  GROUP,
  /** An array of objects rebuilt from a table of aligned columns. */
  TABLE;

  /**
   * Parses a kind as written in a schema ({@code "money"}, {@code "date"}, ...).
   *
   * @param text the keyword value
   * @return the kind, or empty when the text names none
   */
  public static Optional<ValueKind> parse(String text) {
    try {
      return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The name as written in schemas. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
