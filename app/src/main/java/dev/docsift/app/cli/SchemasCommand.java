package dev.docsift.app.cli;

import dev.docsift.core.pipeline.ResultJson;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import dev.docsift.schemas.SchemaException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code docsift schemas list|show}. */
@Command(
    name = "schemas",
    mixinStandardHelpOptions = true,
    description = "Lists and shows the shipped JSON Schemas.",
    subcommands = {SchemasCommand.ListSchemas.class, SchemasCommand.ShowSchema.class})
public final class SchemasCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code docsift schemas list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the shipped schemas.")
  static final class ListSchemas implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws SchemaException {
      SchemaCatalog catalog = SchemaCatalog.shipped();
      PrintWriter out = spec.commandLine().getOut();
      for (String id : catalog.ids()) {
        DocumentSchema schema = catalog.get(id);
        out.printf("%-10s %s%n", id, schema.json().path("description").asText(schema.title()));
      }
      out.flush();
      return 0;
    }
  }

  /** {@code docsift schemas show ID}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Prints a schema, shipped (by id) or from a file.")
  static final class ShowSchema implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID|PATH", description = "A shipped schema id, or a schema file.")
    String schema;

    @Override
    public Integer call() throws Exception {
      Optional<DocumentSchema> resolved = Errors.resolveSchema(schema, spec.commandLine().getErr());
      if (resolved.isEmpty()) {
        return 2;
      }
      spec.commandLine()
          .getOut()
          .println(
              ResultJson.MAPPER
                  .writerWithDefaultPrettyPrinter()
                  .writeValueAsString(resolved.get().json()));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
