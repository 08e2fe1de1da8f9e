package dev.docsift.app.cli;

import java.lang.reflect.Method;

/**
 * Whether docsift talks to a person at a terminal, who gets a redrawn progress bar, or to a log.
 */
public final class Terminal {
  private Terminal() {}

  /**
   * Whether standard error is likely an interactive terminal.
   *
   * @return false without a console or with {@code TERM=dumb}
   */
  public static boolean isInteractive() {
    if (System.console() == null || "dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    try {
      // Console.isTerminal() exists from Java 22; on 21 a non-null console means a terminal.
      Method isTerminal = java.io.Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(System.console());
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
