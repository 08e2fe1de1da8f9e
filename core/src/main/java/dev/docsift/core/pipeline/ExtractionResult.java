package dev.docsift.core.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.core.engine.EngineInfo;
import dev.docsift.core.model.DocumentSource;
import dev.docsift.core.model.FieldValue;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one document: the schema instance, where each value came from, and what went wrong
 * on the way. {@link ResultJson} writes it as the result envelope downstream tools read.
 *
 * @param source the input
 * @param pages its page count
 * @param schemaId the schema's id
 * @param engine the engine that made it
 * @param data the instance; always valid for the schema
 * @param fields provenance of every value in {@code data}
 * @param warnings sentences about fields not found or dropped
 * @param timings time per stage
 */
public record ExtractionResult(
    DocumentSource source,
    int pages,
    String schemaId,
    EngineInfo engine,
    ObjectNode data,
    List<FieldValue> fields,
    List<String> warnings,
    StageTimings timings) {
  /** Validates and copies. */
  public ExtractionResult {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(schemaId, "schemaId");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(timings, "timings");
    fields = List.copyOf(fields);
    warnings = List.copyOf(warnings);
  }
}
