package dev.docsift.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON Schema ready for extraction: its id, its text, the fields read from it and a validator.
 * Instances are immutable and safe to share between threads.
 *
 * @param id the catalog id ({@code receipt}) or, for a user schema, the file name without {@code
 *     .json}
 * @param title the schema's title, or the id
 * @param json the schema document
 * @param fields the top-level fields in declaration order
 * @param validator validates instances against the schema with format assertions on
 */
public record DocumentSchema(
    String id, String title, JsonNode json, List<FieldSpec> fields, SchemaValidator validator) {

  /** Validates and copies. */
  public DocumentSchema {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(validator, "validator");
    fields = List.copyOf(fields);
  }

  /**
   * Finds a top-level field.
   *
   * @param name the property name
   * @return the field, or empty
   */
  public Optional<FieldSpec> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /**
   * Validates an instance.
   *
   * @param instance the JSON to check
   * @return one sentence per violation; empty when the instance is valid
   */
  public List<String> validate(JsonNode instance) {
    return validator.validate(instance);
  }
}
