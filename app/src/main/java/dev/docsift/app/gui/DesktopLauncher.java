package dev.docsift.app.gui;

import dev.docsift.app.cli.GuiLauncher;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;

/** Opens the desktop window from the command line, with a sentence instead of a crash. */
public final class DesktopLauncher {
  private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

  private DesktopLauncher() {}

  /**
   * Opens the window and returns when it is closed.
   *
   * @param request the files to queue, the schema to pick, where to write a screenshot
   * @param err where a launch failure is explained
   * @return 0, or 1 when the window failed, 2 when there is no display
   */
  public static int launch(GuiLauncher.Request request, PrintWriter err) {
    Optional<String> problem = displayProblem();
    if (problem.isPresent()) {
      err.println(problem.get());
      err.flush();
      return 2;
    }
    // JavaFX warns on every start that it runs from the class path, which is how docsift runs it
    // (see Main); the warning helps nobody, so its logger keeps only errors. Held in a field: a
    // java.util.logging logger nobody references may be collected, and its level with it.
    JAVAFX_LOG.setLevel(Level.SEVERE);
    DesktopApp.prepare(request);
    try {
      Application.launch(DesktopApp.class);
    } catch (RuntimeException | LinkageError e) {
      err.println(
          "The desktop window cannot open: "
              + e.getMessage()
              + ". The command line still works: docsift extract FILE (docsift --help).");
      err.flush();
      return 1;
    }
    return DesktopApp.exitCode();
  }

  /**
   * Why a window cannot open on this machine, if it cannot.
   *
   * @return the sentence, or empty when a window can open
   */
  public static Optional<String> displayProblem() {
    return displayProblem(
        System.getenv(), System.getProperty("os.name", ""), System.getProperty("glass.platform"));
  }

  /**
   * Why a window cannot open here, if it cannot: on Linux and BSD it needs an X11 or Wayland
   * display, which servers and containers lack.
   *
   * @param env the environment
   * @param osName the {@code os.name} system property
   * @param glassPlatform the {@code glass.platform} system property (Monocle needs no display)
   * @return the sentence, or empty when a window can open
   */
  static Optional<String> displayProblem(
      Map<String, String> env, String osName, String glassPlatform) {
    String os = osName.toLowerCase(Locale.ROOT);
    boolean needsDisplay = !(os.startsWith("windows") || os.startsWith("mac"));
    boolean headless = "Monocle".equalsIgnoreCase(glassPlatform);
    if (!needsDisplay || headless || set(env, "DISPLAY") || set(env, "WAYLAND_DISPLAY")) {
      return Optional.empty();
    }
    return Optional.of(
        "The desktop window needs a display, and none was found (DISPLAY is not set). On a"
            + " server use the command line: docsift extract FILE, or docsift watch INBOX --out"
            + " OUTBOX (docsift --help lists every command).");
  }

  private static boolean set(Map<String, String> env, String key) {
    String v = env.get(key);
    return v != null && !v.isBlank();
  }
}
