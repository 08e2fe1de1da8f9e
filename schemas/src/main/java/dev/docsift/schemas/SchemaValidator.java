package dev.docsift.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.docsift.errors.ErrorCode;
import java.util.Comparator;
import java.util.List;

/** Validates instances against one draft 2020-12 schema, with format assertions on. */
public final class SchemaValidator {
  /** The vendor keyword that carries extraction hints. */
  public static final String HINTS_KEYWORD = "x-docsift";

  private static final JsonSchemaFactory FACTORY = buildFactory();

  private final JsonSchema schema;

  private SchemaValidator(JsonSchema schema) {
    this.schema = schema;
  }

  /**
   * Compiles a schema.
   *
   * @param schemaJson the schema document; it must hold no {@code $ref} that leaves the document
   * @return a validator
   * @throws SchemaException when the schema cannot be compiled
   */
  public static SchemaValidator compile(JsonNode schemaJson) throws SchemaException {
    try {
      // Format assertions are off by default in 2020-12: without them "2018-13-45" is a date.
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
      JsonSchema compiled = FACTORY.getSchema(schemaJson, config);
      compiled.initializeValidators();
      return new SchemaValidator(compiled);
    } catch (RuntimeException e) {
      throw new SchemaException(
          ErrorCode.SCHEMA_INVALID, "The schema cannot be compiled: " + e.getMessage(), e);
    }
  }

  /**
   * Validates an instance.
   *
   * @param instance the JSON to check
   * @return one sentence per violation, sorted; empty when valid
   */
  public List<String> validate(JsonNode instance) {
    return schema.validate(instance).stream()
        .sorted(Comparator.comparing(ValidationMessage::getMessage))
        .map(ValidationMessage::getMessage)
        .toList();
  }

  private static JsonSchemaFactory buildFactory() {
    JsonMetaSchema meta =
        JsonMetaSchema.builder(JsonMetaSchema.getV202012())
            .keyword(new NonValidationKeyword(HINTS_KEYWORD))
            .build();
    return JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012))
        .defaultMetaSchemaIri(meta.getIri())
        .metaSchema(meta)
        .build();
  }
}
