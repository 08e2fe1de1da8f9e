package dev.docsift.core.watch;

import dev.docsift.core.DocsiftException;
import java.nio.file.Path;
import java.util.List;

/** What a folder watch reports, one event per input and a few notices. */
public sealed interface WatchEvent {
  /**
   * A result was written and the input moved to {@code .done/}.
   *
   * @param input where the input was
   * @param movedTo where it is now
   * @param outputs the files written or appended to
   * @param millis processing time
   */
  record Done(Path input, Path movedTo, List<Path> outputs, long millis) implements WatchEvent {
    /** Copies. */
    public Done {
      outputs = List.copyOf(outputs);
    }
  }

  /**
   * The input could not be read; it moved to {@code .failed/} next to an error file.
   *
   * @param input where the input was
   * @param movedTo where it is now
   * @param errorFile the {@code <name>.error.json} saying why
   * @param error the error
   */
  record Failed(Path input, Path movedTo, Path errorFile, DocsiftException error)
      implements WatchEvent {}

  /**
   * The input's content was done before; it moved to {@code .done/} without a new result.
   *
   * @param input where the input was
   * @param movedTo where it is now
   */
  record Skipped(Path input, Path movedTo) implements WatchEvent {}

  /**
   * Something worth a line in a log: recovery after a crash, a failing exec command.
   *
   * @param message one sentence
   */
  record Notice(String message) implements WatchEvent {}
}
