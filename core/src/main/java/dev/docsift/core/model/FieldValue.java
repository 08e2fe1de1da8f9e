package dev.docsift.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One extracted value and where it came from.
 *
 * @param path the JSON Pointer of the value in {@code data} ({@code /items/0/amount})
 * @param value the value as written in {@code data}
 * @param page the 1-based page it was read on, or 0 when it was not found on any page (a model
 *     wrote a value that the OCR text does not show)
 * @param bbox its box on that page, as fractions; null exactly when {@code page} is 0
 * @param confidence how sure the engine is, 0 to 1
 * @param source the text it was read from, as OCR saw it
 */
public record FieldValue(
    String path, JsonNode value, int page, BBox bbox, double confidence, String source) {
  /** Validates. */
  public FieldValue {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
    if ((page == 0) != (bbox == null) || page < 0) {
      throw new IllegalArgumentException("page " + page + " and bbox " + bbox + " disagree");
    }
  }

  /**
   * A value that no page shows.
   *
   * @param path its JSON Pointer
   * @param value the value
   * @param confidence how sure the engine is, 0 to 1
   * @return the value without a place
   */
  public static FieldValue unlocated(String path, JsonNode value, double confidence) {
    return new FieldValue(path, value, 0, null, confidence, "");
  }

  /** Whether the value was found on a page: {@code page} and {@code bbox} are set. */
  public boolean located() {
    return page > 0;
  }
}
