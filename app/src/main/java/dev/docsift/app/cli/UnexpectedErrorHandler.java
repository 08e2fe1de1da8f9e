package dev.docsift.app.cli;

import dev.docsift.core.DocsiftException;
import picocli.CommandLine;

/**
 * Turns a defect that escaped a command into one sentence with a code, never a stack trace. Set
 * {@code DOCSIFT_DEBUG=1} to see the trace.
 */
final class UnexpectedErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    cli.getErr().println(DocsiftException.unexpected("docsift", e).userMessage());
    if (System.getenv("DOCSIFT_DEBUG") != null) {
      e.printStackTrace(cli.getErr());
    }
    return 1;
  }
}
