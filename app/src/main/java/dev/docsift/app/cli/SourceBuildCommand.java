package dev.docsift.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * Stands in for a command that only a build from source has ({@code docsift bench}, from the bench
 * module) where its module is not on the class path, as in the installed package: says so, whatever
 * the arguments, and exits with 2, as for an unknown command. Hidden from the usage.
 */
@Command(
    hidden = true,
    description =
        "Not part of this installation: it comes with a build from source (./docsift in a checkout).")
final class SourceBuildCommand implements Callable<Integer> {
  /** The commands a build from source adds through a {@link CommandPlugin}. */
  static final List<String> NAMES = List.of("bench");

  private final String name;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Taken here, not by docsift's own help and version options: the answer is the same. */
  @Option(
      names = {"-h", "--help", "-V", "--version"},
      hidden = true)
  boolean helpOrVersion;

  @Unmatched List<String> args;

  SourceBuildCommand(String name) {
    this.name = name;
  }

  @Override
  public Integer call() {
    spec.commandLine()
        .getErr()
        .println(
            "docsift "
                + name
                + " is not part of this installation: it comes with a build from source. In a"
                + " checkout of docsift, run ./docsift "
                + name
                + " (the script builds it first).");
    return 2;
  }
}
