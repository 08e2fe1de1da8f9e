package dev.docsift.core.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.core.model.FieldValue;

/**
 * Writes results as the envelope downstream tools read (format version {@value #FORMAT}).
 *
 * <pre>{@code
 * {"docsift": "1", "source": {...}, "schema": "receipt", "engine": {...}, "data": {...},
 *  "fields": [{"path", "value", "page", "bbox", "confidence", "text"}], "warnings": [...],
 *  "timings_ms": {...}}
 * }</pre>
 */
public final class ResultJson {
  /** The envelope's format version; bumped only for incompatible changes. */
  public static final String FORMAT = "1";

  /** A shared mapper; pretty printing is chosen per call. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private ResultJson() {}

  /**
   * Builds the envelope of a result.
   *
   * @param result the result
   * @return the envelope
   */
  public static ObjectNode envelope(ExtractionResult result) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("docsift", FORMAT);
    ObjectNode source = root.putObject("source");
    source.put("file", result.source().fileName());
    source.put("sha256", result.source().sha256());
    source.put("pages", result.pages());
    root.put("schema", result.schemaId());
    ObjectNode engine = root.putObject("engine");
    engine.put("name", result.engine().name());
    engine.put("model", result.engine().model());
    engine.put("execution_provider", result.engine().executionProvider());
    root.set("data", result.data());
    ArrayNode fields = root.putArray("fields");
    for (FieldValue field : result.fields()) {
      ObjectNode f = fields.addObject();
      f.put("path", field.path());
      f.set("value", field.value());
      if (field.located()) {
        f.put("page", field.page());
        ArrayNode bbox = f.putArray("bbox");
        for (double v : field.bbox().toArray()) {
          bbox.add(v);
        }
      } else {
        f.putNull("page");
        f.putNull("bbox");
      }
      f.put("confidence", Math.round(field.confidence() * 1000) / 1000.0);
      f.put("text", field.source());
    }
    ArrayNode warnings = root.putArray("warnings");
    result.warnings().forEach(warnings::add);
    ObjectNode timings = root.putObject("timings_ms");
    timings.put("render", result.timings().render());
    timings.put("ocr", result.timings().ocr());
    timings.put("extract", result.timings().extract());
    result.timings().engineStages().forEach(timings::put);
    if (!result.timings().engineCounts().isEmpty()) {
      ObjectNode counts = root.putObject("counts");
      result.timings().engineCounts().forEach(counts::put);
    }
    return root;
  }
}
