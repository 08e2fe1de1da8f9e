package dev.docsift.core.extract;

import dev.docsift.core.model.OcrPage;
import dev.docsift.schemas.DocumentSchema;
import java.util.List;

/** Fills a schema from what OCR read. Implementations are stateless and thread-safe. */
public interface Extractor {
  /**
   * Extracts an instance of the schema.
   *
   * @param pages the document's pages, in order
   * @param schema the target schema
   * @return the data with provenance; {@code data} validates against the schema
   */
  Extraction extract(List<OcrPage> pages, DocumentSchema schema);
}
