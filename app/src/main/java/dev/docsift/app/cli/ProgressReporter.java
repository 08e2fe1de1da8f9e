package dev.docsift.app.cli;

import dev.docsift.core.pipeline.ProgressEvent;
import dev.docsift.core.pipeline.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows progress on standard error: a bar redrawn in place on a terminal, plain lines otherwise (so
 * logs stay readable). Thread-safe.
 */
final class ProgressReporter implements ProgressListener, AutoCloseable {
  /** How progress is shown. */
  enum Mode {
    AUTO,
    BAR,
    LINES,
    NONE;

    static Mode parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Unknown --progress '" + text + "': use auto, bar, lines or none.");
      }
    }
  }

  private static final int BAR_WIDTH = 24;

  private final PrintWriter err;
  private final Mode mode;
  private final int documents;
  private int finished;
  private boolean barShown;

  ProgressReporter(PrintWriter err, Mode mode, int documents) {
    this.err = err;
    this.mode = mode == Mode.AUTO ? (Terminal.isInteractive() ? Mode.BAR : Mode.LINES) : mode;
    this.documents = documents;
  }

  @Override
  public synchronized void on(ProgressEvent event) {
    String name =
        event.file().getFileName() == null
            ? event.file().toString()
            : event.file().getFileName().toString();
    if (event instanceof ProgressEvent.Done || event instanceof ProgressEvent.Failed) {
      finished++;
    }
    switch (mode) {
      case NONE, AUTO -> {}
      case LINES -> {
        String line =
            switch (event) {
              case ProgressEvent.Started s -> name + ": opened, " + s.pages() + " page(s)";
              case ProgressEvent.PageRendered p -> null;
              case ProgressEvent.PageRecognised p ->
                  name + ": page " + p.page() + "/" + p.pages() + " read";
              case ProgressEvent.TilesEncoded t ->
                  name
                      + ": page "
                      + t.page()
                      + "/"
                      + t.pages()
                      + " encoded ("
                      + t.encoded()
                      + " of "
                      + t.tiles()
                      + " tiles)";
              case ProgressEvent.Generating g -> null; // too many for lines
              case ProgressEvent.Done d ->
                  name + ": done (" + d.result().timings().total() + " ms)";
              case ProgressEvent.Failed f -> name + ": failed";
            };
        if (line != null) {
          err.println(line);
          err.flush();
        }
      }
      case BAR -> {
        String stage =
            switch (event) {
              case ProgressEvent.Started s -> "opened";
              case ProgressEvent.PageRendered p ->
                  "page " + p.page() + "/" + p.pages() + " rendered";
              case ProgressEvent.PageRecognised p -> "page " + p.page() + "/" + p.pages() + " read";
              case ProgressEvent.TilesEncoded t ->
                  "page " + t.page() + "/" + t.pages() + " encoded";
              case ProgressEvent.Generating g ->
                  "writing JSON, " + g.tokens() + "/" + g.maxTokens() + " tokens";
              case ProgressEvent.Done d -> "done";
              case ProgressEvent.Failed f -> "failed";
            };
        int filled = documents == 0 ? BAR_WIDTH : finished * BAR_WIDTH / documents;
        String bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
        String text = String.format("[%s] %d/%d  %s: %s", bar, finished, documents, name, stage);
        err.print("\r\033[K" + (text.length() > 100 ? text.substring(0, 100) : text));
        err.flush();
        barShown = true;
      }
    }
  }

  @Override
  public synchronized void close() {
    if (barShown) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
