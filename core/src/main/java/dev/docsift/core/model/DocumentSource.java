package dev.docsift.core.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An input file as docsift identified it.
 *
 * @param path the file
 * @param sha256 the lower-case hex SHA-256 of its bytes
 * @param kind what its first bytes say it is
 * @param size its size in bytes
 */
public record DocumentSource(Path path, String sha256, DocumentKind kind, long size) {
  /** Validates. */
  public DocumentSource {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(kind, "kind");
  }

  /** The file name alone. */
  public String fileName() {
    return path.getFileName().toString();
  }
}
