package dev.docsift.core.slm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.core.DocsiftException;
import dev.docsift.core.extract.Extraction;
import dev.docsift.core.extract.SchemaGuard;
import dev.docsift.core.model.FieldValue;
import dev.docsift.core.model.OcrPage;
import dev.docsift.errors.ErrorCode;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.slm.decoder.GenerationResult;
import dev.docsift.slm.output.GeneratedJson;
import dev.docsift.slm.output.GeneratedValue;
import dev.docsift.slm.tokenizer.HfTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The slm engine's written JSON made an extraction: values located in the OCR words. */
final class SlmOutput {
  private SlmOutput() {}

  /** Parses the document, gives each value its box and confidence, and guards its validity. */
  static Extraction ground(
      GenerationResult result,
      HfTokenizer tokenizer,
      List<OcrPage> ocrPages,
      DocumentSchema schema,
      List<String> warnings,
      Path file)
      throws DocsiftException {
    GeneratedJson json;
    try {
      json = GeneratedJson.parse(result.tokenIds(), result.logprobs(), tokenizer);
    } catch (IOException e) {
      // The constraint makes this unreachable; if it is reached, it is a defect.
      throw new DocsiftException(
          ErrorCode.INTERNAL, file.getFileName() + ": the model's output is not JSON.", e);
    }
    if (!(json.document() instanceof ObjectNode data)) {
      throw new DocsiftException(
          ErrorCode.INTERNAL, file.getFileName() + ": the model's output is not a JSON object.");
    }
    ValueLocator locator = new ValueLocator(ocrPages);
    List<FieldValue> fields = new ArrayList<>();
    List<String> unlocated = new ArrayList<>();
    for (GeneratedValue v : json.leaves()) {
      var where = locator.locate(v.value());
      if (where.isPresent()) {
        var w = where.get();
        fields.add(
            new FieldValue(v.pointer(), v.value(), w.page(), w.bbox(), v.confidence(), w.text()));
      } else {
        fields.add(FieldValue.unlocated(v.pointer(), v.value(), v.confidence()));
        unlocated.add(v.pointer());
      }
    }
    List<String> notes = new ArrayList<>(warnings);
    if (!unlocated.isEmpty()) {
      notes.add(
          unlocated.size()
              + " value(s) were not found in the OCR text, so they have no box: "
              + String.join(", ", unlocated.subList(0, Math.min(8, unlocated.size())))
              + (unlocated.size() > 8 ? ", …" : "")
              + ".");
    }
    // The constraint writes the schema's shape; a calendar-invalid date is the one thing left.
    List<String> left = SchemaGuard.enforce(schema, data, fields, notes);
    if (!left.isEmpty()) {
      throw new DocsiftException(
          ErrorCode.INTERNAL,
          file.getFileName() + ": the model's JSON does not validate: " + String.join("; ", left));
    }
    return new Extraction(data, fields, notes);
  }
}
