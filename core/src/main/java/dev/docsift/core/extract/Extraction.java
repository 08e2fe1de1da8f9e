package dev.docsift.core.extract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.core.model.FieldValue;
import java.util.List;
import java.util.Objects;

/**
 * What an extractor made of a document.
 *
 * @param data the instance of the schema
 * @param fields the provenance of every leaf value in {@code data}
 * @param warnings sentences about what was not found or had to be dropped
 */
public record Extraction(ObjectNode data, List<FieldValue> fields, List<String> warnings) {
  /** Validates and copies. */
  public Extraction {
    Objects.requireNonNull(data, "data");
    fields = List.copyOf(fields);
    warnings = List.copyOf(warnings);
  }
}
