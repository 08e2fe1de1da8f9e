package dev.docsift.app;

import dev.docsift.app.cli.DocsiftCommand;

/** The launcher's entry point: the command line, or with no arguments, the desktop window. */
public final class Main {
  private Main() {}

  /**
   * Runs docsift and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(DocsiftCommand.run(args));
  }
}
