package dev.docsift.app.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.docsift.core.DocsiftException;
import dev.docsift.core.export.ExportFormat;
import dev.docsift.core.export.ResultExporter;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.core.pipeline.ResultJson;
import dev.docsift.errors.ErrorCode;
import dev.docsift.schemas.DocumentSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Writes documents the window holds, through the command line's exporter: atomically, under free
 * names, never replacing a file.
 */
public final class Exports {
  private Exports() {}

  /**
   * One document to export.
   *
   * @param schema its schema (names the CSV columns)
   * @param result its result, with the user's corrections
   */
  public record Item(DocumentSchema schema, ExtractionResult result) {
    /** Validates. */
    public Item {
      Objects.requireNonNull(schema, "schema");
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * Writes documents into a folder: one {@code <name>.json} each, one {@code results.jsonl}, or
   * {@code results.csv} and {@code results-<array>.csv}.
   *
   * @param items the documents, at least one
   * @param format the format
   * @param dataOnly whether JSON and JSON Lines hold {@code data} alone
   * @param dir the folder, created when missing
   * @return the files written
   * @throws DocsiftException OUTPUT_FAILED when CSV is asked for documents of several schemas, or
   *     the folder cannot be written
   */
  public static List<Path> write(List<Item> items, ExportFormat format, boolean dataOnly, Path dir)
      throws DocsiftException {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("nothing to export");
    }
    List<String> schemas = items.stream().map(i -> i.schema().id()).distinct().toList();
    if (format == ExportFormat.CSV && schemas.size() > 1) {
      throw new DocsiftException(
          ErrorCode.OUTPUT_FAILED,
          "CSV columns come from one schema, and these documents use "
              + String.join(", ", schemas)
              + ": export documents of one schema, or choose JSON.");
    }
    ResultExporter exporter = new ResultExporter(items.get(0).schema(), format, dataOnly);
    try {
      return exporter.writeTo(items.stream().map(Item::result).toList(), dir);
    } catch (IOException | UncheckedIOException e) {
      throw new DocsiftException(
          ErrorCode.OUTPUT_FAILED,
          "Cannot write to " + dir + ": " + e.getMessage(),
          e instanceof UncheckedIOException u ? u.getCause() : e);
    }
  }

  /**
   * The envelope of a document as pretty JSON, for the clipboard and the raw JSON tab: exactly what
   * a JSON export writes.
   *
   * @param result the result
   * @return the JSON text, ending with a newline
   */
  public static String json(ExtractionResult result) {
    try {
      return ResultJson.MAPPER
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(ResultJson.envelope(result))
          + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A short summary of files written, for the status line. */
  public static String summary(List<Path> written) {
    if (written.size() == 1) {
      return "Wrote " + written.get(0) + ".";
    }
    Path dir = written.get(0).getParent();
    return "Wrote "
        + written.size()
        + " files to "
        + dir
        + ": "
        + written.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))
        + ".";
  }
}
