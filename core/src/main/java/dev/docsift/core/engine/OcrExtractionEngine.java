package dev.docsift.core.engine;

import dev.docsift.core.extract.Extractor;
import dev.docsift.core.extract.SchemaExtractor;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.ocr.OcrReader;
import dev.docsift.schemas.DocumentSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The embedded engine: the schema-guided, layout-aware extractor over the recognised words. */
public final class OcrExtractionEngine implements DocumentEngine {
  private final Extractor extractor;

  /** The engine with docsift's {@link SchemaExtractor}. */
  public OcrExtractionEngine() {
    this(new SchemaExtractor());
  }

  /**
   * The engine with another extractor.
   *
   * @param extractor fills the schema from the words
   */
  public OcrExtractionEngine(Extractor extractor) {
    this.extractor = java.util.Objects.requireNonNull(extractor, "extractor");
  }

  @Override
  public EngineInfo info() {
    return EngineInfo.OCR;
  }

  @Override
  public List<String> warnings() {
    return List.of();
  }

  @Override
  public boolean needsPageImages() {
    return false;
  }

  @Override
  public DocumentRun start(
      Path file, DocumentSchema schema, int pages, EngineEvents events, BooleanSupplier cancelled) {
    List<OcrPage> read = new ArrayList<>(pages);
    return new DocumentRun() {
      @Override
      public void page(OcrReader.Reading page) {
        read.add(page.ocr()); // only the words: the pixels are garbage from here on
      }

      @Override
      public EngineOutput finish() {
        return new EngineOutput(extractor.extract(read, schema), Map.of());
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void close() {}
}
