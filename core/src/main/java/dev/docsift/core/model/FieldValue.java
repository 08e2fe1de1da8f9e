package dev.docsift.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One extracted value and where it came from.
 *
 * @param path the JSON Pointer of the value in {@code data} ({@code /items/0/amount})
 * @param value the value as written in {@code data}
 * @param page the 1-based page it was read on
 * @param bbox its box on that page, as fractions
 * @param confidence how sure the engine is, 0 to 1
 * @param source the text it was read from, as OCR saw it
 */
public record FieldValue(
    String path, JsonNode value, int page, BBox bbox, double confidence, String source) {
  /** Validates. */
  public FieldValue {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(bbox, "bbox");
    Objects.requireNonNull(source, "source");
  }
}
