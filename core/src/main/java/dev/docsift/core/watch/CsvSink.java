package dev.docsift.core.watch;

import dev.docsift.core.export.CsvTables;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.schemas.DocumentSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row per document in {@code results.csv} and one row per line item in {@code
 * results-<array>.csv}, flattened by {@link CsvTables}'s rules. Item tables carry a {@code sha256}
 * column after {@code file}, so they join on the document whatever its name. Each file gets its
 * header once, when it is created; an outbox is meant for one schema.
 *
 * <p>Atomic the same way as {@link JsonlSink}: every file's length is journalled before the append,
 * and replay truncates back to it when {@code written} is missing.
 */
final class CsvSink extends AppendingSink {
  private final CsvTables tables;

  CsvSink(Path outbox, DocumentSchema schema) {
    super(outbox);
    this.tables = new CsvTables(schema);
  }

  @Override
  public synchronized List<Path> write(
      String sha, String reserved, ExtractionResult result, Journal journal) throws IOException {
    Files.createDirectories(outbox);
    Map<Path, CsvTables.Table> byFile = new LinkedHashMap<>();
    for (CsvTables.Table table : tables.tables(List.of(result))) {
      boolean documents = table.name().equals("documents");
      String name = documents ? "results.csv" : "results-" + table.name() + ".csv";
      byFile.put(outbox.resolve(name), documents ? table : keyed(table, sha));
    }
    Map<String, Long> offsets = new LinkedHashMap<>();
    for (Path file : byFile.keySet()) {
      offsets.put(file.getFileName().toString(), Files.exists(file) ? Files.size(file) : 0L);
    }
    journal.append(new JournalEntry.Appended(sha, offsets));
    for (Map.Entry<Path, CsvTables.Table> e : byFile.entrySet()) {
      Path file = e.getKey();
      String csv = e.getValue().toCsv();
      boolean fresh = !Files.exists(file) || Files.size(file) == 0;
      // toCsv starts with the header line; an existing file already has it.
      String text = fresh ? csv : csv.substring(csv.indexOf("\r\n") + 2);
      if (!text.isEmpty()) {
        Durable.append(file, text.getBytes(StandardCharsets.UTF_8));
      }
    }
    journal.append(
        new JournalEntry.Written(
            sha, byFile.keySet().stream().map(p -> p.getFileName().toString()).toList()));
    return List.copyOf(byFile.keySet());
  }

  private static CsvTables.Table keyed(CsvTables.Table table, String sha) {
    List<String> header = new ArrayList<>(table.header());
    header.add(1, "sha256");
    List<List<String>> rows = new ArrayList<>();
    for (List<String> row : table.rows()) {
      List<String> copy = new ArrayList<>(row);
      copy.add(1, sha);
      rows.add(copy);
    }
    return new CsvTables.Table(table.name(), header, rows);
  }
}
