package dev.docsift.core.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.core.engine.EngineInfo;
import dev.docsift.core.model.DocumentSource;
import dev.docsift.core.model.FieldValue;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.PageTiles;
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
 * @param ocrPages what OCR read on each page, in page order, with the page sizes the boxes in
 *     {@code fields} are fractions of; empty when the engine read no OCR. Kept for callers that
 *     show the words (the desktop window); never written to the envelope
 * @param pageTiles the tiles of each page a vision engine was shown and which it encoded, in page
 *     order; empty for the ocr engine. Kept for the desktop window; never written to the envelope
 */
public record ExtractionResult(
    DocumentSource source,
    int pages,
    String schemaId,
    EngineInfo engine,
    ObjectNode data,
    List<FieldValue> fields,
    List<String> warnings,
    StageTimings timings,
    List<OcrPage> ocrPages,
    List<PageTiles> pageTiles) {
  /** Validates and copies. */
  public ExtractionResult {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(schemaId, "schemaId");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(timings, "timings");
    fields = List.copyOf(fields);
    warnings = List.copyOf(warnings);
    ocrPages = List.copyOf(ocrPages);
    pageTiles = List.copyOf(pageTiles);
  }

  /**
   * A result without OCR pages or page tiles.
   *
   * @param source the input
   * @param pages its page count
   * @param schemaId the schema's id
   * @param engine the engine that made it
   * @param data the instance
   * @param fields provenance of every value in {@code data}
   * @param warnings sentences about fields not found or dropped
   * @param timings time per stage
   */
  public ExtractionResult(
      DocumentSource source,
      int pages,
      String schemaId,
      EngineInfo engine,
      ObjectNode data,
      List<FieldValue> fields,
      List<String> warnings,
      StageTimings timings) {
    this(source, pages, schemaId, engine, data, fields, warnings, timings, List.of(), List.of());
  }

  /**
   * A copy with other data, provenance and warnings (a person's corrections), everything else kept.
   *
   * @param newData the instance
   * @param newFields provenance of its values
   * @param newWarnings the warnings
   * @return the copy
   */
  public ExtractionResult withData(
      ObjectNode newData, List<FieldValue> newFields, List<String> newWarnings) {
    return new ExtractionResult(
        source,
        pages,
        schemaId,
        engine,
        newData,
        newFields,
        newWarnings,
        timings,
        ocrPages,
        pageTiles);
  }
}
