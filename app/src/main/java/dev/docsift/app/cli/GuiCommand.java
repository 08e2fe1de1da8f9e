package dev.docsift.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code docsift gui [FILE...]}: the desktop window, what {@code docsift} alone opens. */
@Command(
    name = "gui",
    mixinStandardHelpOptions = true,
    description = {
      "Opens the desktop window: drop documents, check every value on its page, correct, export.",
      "`docsift` with no arguments does the same."
    })
public final class GuiCommand implements Callable<Integer> {
  private final GuiLauncher launcher;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Documents to queue at once.")
  List<Path> files = List.of();

  @Option(
      names = "--schema",
      paramLabel = "ID|PATH",
      description = "The schema to pick: a shipped id or a schema file. Default: the saved one.")
  String schema;

  @Option(names = "--screenshot", paramLabel = "PNG", hidden = true)
  Path screenshot;

  @Option(names = "--startup-report", hidden = true)
  boolean startupReport;

  GuiCommand(GuiLauncher launcher) {
    this.launcher = launcher;
  }

  @Override
  public Integer call() {
    return launcher.launch(
        new GuiLauncher.Request(files, schema, screenshot, startupReport),
        spec.commandLine().getErr());
  }
}
