package dev.docsift.app.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code docsift} command. */
@Command(
    name = "docsift",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Turns scanned documents into JSON that validates against a JSON Schema, offline.",
    subcommands = {
      ExtractCommand.class,
      WatchCommand.class,
      SchemasCommand.class,
      ModelsCommand.class,
      EvalCommand.class,
      // gui is added in commandLine(): it needs the launcher; bench there too, when present.
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 success; 1 failure (for extract: some documents failed, the others are"
          + " still written); 2 usage error.",
      "Example: docsift extract samples/documents/receipt-001.pdf --schema receipt",
      "`docsift` alone opens the desktop window (docsift gui)."
    })
public final class DocsiftCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Builds the command line on the process's standard streams, in UTF-8.
   *
   * @return the configured command line
   */
  public static CommandLine commandLine() {
    return commandLine(
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
  }

  /**
   * Builds the command line on given streams (tests capture them), without the desktop window.
   *
   * @param out where results go
   * @param err where progress and errors go
   * @return the configured command line
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, GuiLauncher.UNAVAILABLE);
  }

  /**
   * Builds the command line on given streams, with the subcommands of the {@link CommandPlugin}s on
   * the class path; a command only a build from source has, and no plugin brought, says so.
   *
   * @param out where results go
   * @param err where progress and errors go
   * @param gui opens the desktop window for {@code docsift gui}
   * @return the configured command line
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err, GuiLauncher gui) {
    CommandLine cli = new CommandLine(new DocsiftCommand());
    cli.addSubcommand("gui", new GuiCommand(gui));
    for (CommandPlugin plugin : ServiceLoader.load(CommandPlugin.class)) {
      cli.addSubcommand(plugin.name(), plugin.command());
    }
    for (String name : SourceBuildCommand.NAMES) {
      if (!cli.getSubcommands().containsKey(name)) {
        cli.addSubcommand(name, new SourceBuildCommand(name));
      }
    }
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new UnexpectedErrorHandler());
    return cli;
  }

  /**
   * Runs a command line without the desktop window.
   *
   * @param args the arguments
   * @return the exit code
   */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /**
   * Runs a command line on the process's standard streams. Arguments that are nothing but existing
   * files (how a desktop starts docsift for documents opened with it) open the window with them, as
   * {@code docsift gui FILE...} does: see {@link OpenedFiles}.
   *
   * @param gui opens the desktop window for {@code docsift gui}
   * @param args the arguments
   * @return the exit code
   */
  public static int run(GuiLauncher gui, String... args) {
    CommandLine cli =
        commandLine(
            new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
            new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
            gui);
    return cli.execute(OpenedFiles.commandLine(args, cli.getSubcommands().keySet()));
  }
}
