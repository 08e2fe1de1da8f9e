package dev.docsift.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.FieldSpec;
import dev.docsift.schemas.ValueKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flattens results into CSV tables whose columns come from the schema, so every file of a batch has
 * the same header whatever was found.
 *
 * <p>Rules: the document table has {@code file}, {@code sha256}, {@code schema}, then one column
 * per leaf field in schema order, nested objects joined with dots ({@code seller.name}), arrays of
 * plain values joined with {@code "; "}, then {@code warnings} joined with {@code "; "}. Each array
 * of objects ({@code items}) gets a table of its own with {@code file}, {@code index} (from 1) and
 * one column per item field. Absent and null values are empty cells.
 */
public final class CsvTables {
  private final DocumentSchema schema;

  /**
   * Creates the flattener for a schema.
   *
   * @param schema the schema whose fields name the columns
   */
  public CsvTables(DocumentSchema schema) {
    this.schema = schema;
  }

  /** A table: a header and rows of cells. */
  public record Table(String name, List<String> header, List<List<String>> rows) {
    /** Copies. */
    public Table {
      header = List.copyOf(header);
      rows = List.copyOf(rows);
    }

    /** The table as RFC 4180 CSV text with CRLF line ends. */
    public String toCsv() {
      StringBuilder out = new StringBuilder();
      appendRow(out, header);
      rows.forEach(row -> appendRow(out, row));
      return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> cells) {
      for (int i = 0; i < cells.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        String cell = cells.get(i);
        if (cell.indexOf(',') >= 0
            || cell.indexOf('"') >= 0
            || cell.indexOf('\n') >= 0
            || cell.indexOf('\r') >= 0) {
          out.append('"').append(cell.replace("\"", "\"\"")).append('"');
        } else {
          out.append(cell);
        }
      }
      out.append("\r\n");
    }
  }

  /**
   * Flattens results.
   *
   * @param results the documents
   * @return the document table first ({@code documents}), then one table per array of objects,
   *     named after the array
   */
  public List<Table> tables(List<ExtractionResult> results) {
    List<String> header = new ArrayList<>(List.of("file", "sha256", "schema"));
    List<FieldSpec> leaves = new ArrayList<>();
    List<FieldSpec> tables = new ArrayList<>();
    collect(schema.fields(), leaves, tables);
    leaves.forEach(f -> header.add(column(f.pointer())));
    header.add("warnings");
    List<List<String>> rows = new ArrayList<>();
    for (ExtractionResult r : results) {
      List<String> row =
          new ArrayList<>(List.of(r.source().fileName(), r.source().sha256(), r.schemaId()));
      leaves.forEach(f -> row.add(cell(r.data().at(f.pointer()))));
      row.add(String.join("; ", r.warnings()));
      rows.add(row);
    }
    List<Table> out = new ArrayList<>();
    out.add(new Table("documents", header, rows));
    for (FieldSpec table : tables) {
      out.add(itemTable(table, results));
    }
    return out;
  }

  private Table itemTable(FieldSpec array, List<ExtractionResult> results) {
    List<FieldSpec> leaves = new ArrayList<>();
    collect(array.children(), leaves, new ArrayList<>());
    List<String> header = new ArrayList<>(List.of("file", "index"));
    leaves.forEach(f -> header.add(column(f.pointer())));
    List<List<String>> rows = new ArrayList<>();
    for (ExtractionResult r : results) {
      JsonNode items = r.data().at(array.pointer());
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        List<String> row = new ArrayList<>(List.of(r.source().fileName(), Integer.toString(i + 1)));
        leaves.forEach(f -> row.add(cell(item.at(f.pointer()))));
        rows.add(row);
      }
    }
    return new Table(column(array.pointer()), header, rows);
  }

  private static void collect(
      List<FieldSpec> fields, List<FieldSpec> leaves, List<FieldSpec> tables) {
    for (FieldSpec f : fields) {
      boolean array = f.types().contains("array");
      if (array && !f.children().isEmpty()) {
        tables.add(f);
      } else if (!array && !f.children().isEmpty() && f.kind() != ValueKind.TABLE) {
        collect(f.children(), leaves, tables);
      } else {
        leaves.add(f);
      }
    }
  }

  private static String column(String pointer) {
    return pointer.substring(1).replace('/', '.').replace("~1", "/").replace("~0", "~");
  }

  private static String cell(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return "";
    }
    if (value.isArray()) {
      List<String> parts = new ArrayList<>();
      value.forEach(v -> parts.add(cell(v)));
      return String.join("; ", parts);
    }
    if (value.isObject()) {
      Map<String, String> parts = new LinkedHashMap<>();
      value.fields().forEachRemaining(e -> parts.put(e.getKey(), cell(e.getValue())));
      return parts.toString();
    }
    return value.isTextual() ? value.asText() : value.toString();
  }
}
