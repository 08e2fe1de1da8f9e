package dev.docsift.app.service;

import dev.docsift.core.pipeline.PipelineConfig;
import dev.docsift.schemas.DocumentSchema;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One document to process.
 *
 * @param file the input
 * @param schema the target schema
 * @param config how the pipeline reads it, engine included
 */
public record JobRequest(Path file, DocumentSchema schema, PipelineConfig config) {
  /** Validates. */
  public JobRequest {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(config, "config");
  }
}
