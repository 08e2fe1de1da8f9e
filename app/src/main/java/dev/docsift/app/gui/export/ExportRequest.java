package dev.docsift.app.gui.export;

import dev.docsift.core.export.ExportFormat;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the user asked to export.
 *
 * @param selectedOnly the selected documents, or all that are done
 * @param format one JSON per document, one JSON Lines file, or CSV
 * @param dataOnly whether JSON holds {@code data} alone instead of the envelope
 * @param folder where the files go
 */
public record ExportRequest(
    boolean selectedOnly, ExportFormat format, boolean dataOnly, Path folder) {
  /** Validates. */
  public ExportRequest {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(folder, "folder");
  }
}
