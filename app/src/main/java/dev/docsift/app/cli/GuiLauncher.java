package dev.docsift.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens the desktop window. The command line reaches the window through this seam so that it never
 * loads JavaFX itself: {@link dev.docsift.app.Main} passes the real launcher.
 */
@FunctionalInterface
public interface GuiLauncher {
  /** A launcher for builds or tests without the window. */
  GuiLauncher UNAVAILABLE =
      (request, err) -> {
        err.println("The desktop window is not available here: use `docsift extract FILE`.");
        return 2;
      };

  /**
   * What {@code docsift gui} asks for.
   *
   * @param files documents to queue at once
   * @param schema the schema to pick (a shipped id or a file), or null for the saved default
   * @param screenshot when not null: read the files, show the first with its overlays, write a PNG
   *     of the window here and close (for the README's screenshot)
   * @param startupReport print how long after the JVM started the window's first frame was drawn,
   *     then close (for the installer's cold start figures)
   */
  record Request(List<Path> files, String schema, Path screenshot, boolean startupReport) {
    /** Copies. */
    public Request {
      files = List.copyOf(files);
    }

    /**
     * A request that only opens the window.
     *
     * @param files documents to queue at once
     * @param schema the schema to pick, or null for the saved default
     */
    public Request(List<Path> files, String schema) {
      this(files, schema, null, false);
    }
  }

  /**
   * Opens the window and returns when it is closed.
   *
   * @param request what to open
   * @param err where a launch failure is explained
   * @return the exit code
   */
  int launch(Request request, PrintWriter err);
}
