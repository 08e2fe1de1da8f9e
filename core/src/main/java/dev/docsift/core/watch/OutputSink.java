package dev.docsift.core.watch;

import dev.docsift.core.export.ExportFormat;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.schemas.DocumentSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where a watch writes results, in one format. Each implementation writes one document's result so
 * that a crash at any instant leaves either no trace of it or a complete one that replay can
 * recognise: it journals what it needs to repair before touching a shared file.
 */
sealed interface OutputSink permits JsonSink, AppendingSink {
  /** Journal placeholder for "no reserved name". */
  String NONE = "-";

  /**
   * Chooses the output name for an input before it is processed, so that replay knows where to look
   * for a result written just before a crash.
   *
   * @param inputName the input's file name
   * @return the name reserved, or {@link #NONE} for formats that append to one file
   */
  String reserve(String inputName);

  /** Releases a reserved name that was not used. */
  void release(String reserved);

  /**
   * Writes one result, journalling {@code written} once it is complete.
   *
   * @param sha the input's content hash
   * @param reserved what {@link #reserve} gave
   * @param result the result
   * @param journal the journal
   * @return the files written or appended to
   * @throws IOException when the outbox cannot be written
   */
  List<Path> write(String sha, String reserved, ExtractionResult result, Journal journal)
      throws IOException;

  /**
   * Repairs what a crash left of a document that was claimed but never journalled as written.
   *
   * @param sha the input's content hash
   * @param reserved the name it reserved
   * @param appendOffsets the lengths the shared files had before its append, by file name
   * @return the outputs when a complete result is already there (the crash came after writing and
   *     before journalling), else an empty list: the document must be processed again
   * @throws IOException when the outbox cannot be read or repaired
   */
  List<Path> recover(String sha, String reserved, Map<String, Long> appendOffsets)
      throws IOException;

  /**
   * Creates the sink for a format.
   *
   * @param format the format
   * @param outbox the folder
   * @param schema the schema (names CSV columns)
   * @return the sink
   */
  static OutputSink of(ExportFormat format, Path outbox, DocumentSchema schema) {
    return switch (format) {
      case JSON -> new JsonSink(outbox);
      case JSONL -> new JsonlSink(outbox);
      case CSV -> new CsvSink(outbox, schema);
    };
  }
}
