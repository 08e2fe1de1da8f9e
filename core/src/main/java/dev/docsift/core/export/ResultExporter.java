package dev.docsift.core.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.core.pipeline.ResultJson;
import dev.docsift.schemas.DocumentSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a batch of results in one format, to a folder or as text. Files are written atomically
 * under free names: an existing file is never replaced.
 */
public final class ResultExporter {
  private final DocumentSchema schema;
  private final ExportFormat format;
  private final boolean dataOnly;

  /**
   * Creates an exporter.
   *
   * @param schema the schema of the results (names the CSV columns)
   * @param format the format
   * @param dataOnly whether JSON and JSON Lines hold {@code data} alone instead of the envelope
   */
  public ResultExporter(DocumentSchema schema, ExportFormat format, boolean dataOnly) {
    this.schema = schema;
    this.format = format;
    this.dataOnly = dataOnly;
  }

  /**
   * Writes results into a folder: {@code <input name>.json} per document, or {@code results.jsonl},
   * or {@code results.csv} and {@code results-<array>.csv}.
   *
   * @param results the results
   * @param dir the folder, created when missing
   * @return the files written
   * @throws IOException when the folder cannot be written
   */
  public List<Path> writeTo(List<ExtractionResult> results, Path dir) throws IOException {
    List<Path> written = new ArrayList<>();
    switch (format) {
      case JSON -> {
        for (ExtractionResult r : results) {
          String base = r.source().fileName().replaceFirst("\\.[^.]+$", "");
          written.add(AtomicFiles.writeNew(dir, base, "json", bytes(pretty(r))));
        }
      }
      case JSONL ->
          written.add(AtomicFiles.writeNew(dir, "results", "jsonl", bytes(lines(results))));
      case CSV -> {
        for (CsvTables.Table table : new CsvTables(schema).tables(results)) {
          String name = table.name().equals("documents") ? "results" : "results-" + table.name();
          written.add(AtomicFiles.writeNew(dir, name, "csv", bytes(table.toCsv())));
        }
      }
    }
    return written;
  }

  /**
   * Renders results as text for standard output: pretty JSON for a single document, JSON Lines, or
   * the document CSV table.
   *
   * @param results the results
   * @return the text, ending with a newline
   */
  public String render(List<ExtractionResult> results) {
    return switch (format) {
      case JSON -> {
        StringBuilder out = new StringBuilder();
        results.forEach(r -> out.append(pretty(r)));
        yield out.toString();
      }
      case JSONL -> lines(results);
      case CSV -> new CsvTables(schema).tables(results).get(0).toCsv();
    };
  }

  private JsonNode node(ExtractionResult r) {
    return dataOnly ? r.data() : ResultJson.envelope(r);
  }

  private String pretty(ExtractionResult r) {
    try {
      return ResultJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node(r)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String lines(List<ExtractionResult> results) {
    StringBuilder out = new StringBuilder();
    for (ExtractionResult r : results) {
      try {
        out.append(ResultJson.MAPPER.writeValueAsString(node(r))).append('\n');
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out.toString();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
