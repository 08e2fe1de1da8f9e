package dev.docsift.app;

import dev.docsift.app.cli.DocsiftCommand;
import dev.docsift.app.gui.DesktopLauncher;
import java.util.Optional;

/** The launcher's entry point: the command line, or with no arguments, the desktop window. */
public final class Main {
  private Main() {}

  /**
   * Runs docsift and exits with its exit code.
   *
   * @param args the command line; none opens the desktop window, and so do documents alone (how a
   *     desktop starts docsift for files opened with it), which it queues
   */
  public static void main(String[] args) {
    // A class that extends Application cannot be the main class from the class path ("JavaFX
    // runtime components are missing"); this one is, and JavaFX loads only when the window opens.
    if (args.length == 0) {
      Optional<String> noDisplay = DesktopLauncher.displayProblem();
      if (noDisplay.isPresent()) {
        // On a server `docsift` alone still helps: why there is no window, then the commands.
        System.err.println(noDisplay.get());
        System.err.println();
        System.exit(DocsiftCommand.run(new String[0]));
      }
      System.exit(DocsiftCommand.run(DesktopLauncher::launch, "gui"));
    }
    System.exit(DocsiftCommand.run(DesktopLauncher::launch, args));
  }
}
