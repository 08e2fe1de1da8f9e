package dev.docsift.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs the command line in-process and captures what it prints.
 *
 * @param exitCode the exit code
 * @param out standard output
 * @param err standard error
 */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        DocsiftCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Whether anything printed looks like a Java stack trace. */
  boolean showsStackTrace() {
    return (out + err).matches("(?s).*(\\n\\s+at [\\w.$]+\\(|Exception in thread|Caused by:).*");
  }
}
