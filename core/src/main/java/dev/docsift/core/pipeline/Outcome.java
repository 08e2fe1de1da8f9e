package dev.docsift.core.pipeline;

import dev.docsift.core.DocsiftException;
import java.nio.file.Path;

/** How one document of a batch ended. */
public sealed interface Outcome {
  /** The input. */
  Path file();

  /**
   * A result was made.
   *
   * @param file the input
   * @param result the result
   */
  record Success(Path file, ExtractionResult result) implements Outcome {}

  /**
   * No result: the error says why.
   *
   * @param file the input
   * @param error the error with its code
   */
  record Failure(Path file, DocsiftException error) implements Outcome {}
}
