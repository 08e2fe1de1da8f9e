package dev.docsift.app.cli;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.engine.EngineChoice;
import dev.docsift.core.export.ExportFormat;
import dev.docsift.core.export.ResultExporter;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.core.pipeline.Outcome;
import dev.docsift.core.pipeline.PipelineConfig;
import dev.docsift.errors.ErrorCode;
import dev.docsift.schemas.DocumentSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code docsift extract FILE...}: documents in, schema-valid JSON out. */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = {
      "Extracts schema-valid JSON from scanned documents (PDF, PNG, JPEG, TIFF).",
      "One input and no --out: the result goes to standard output. Progress goes to standard error."
    })
public final class ExtractCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Documents to read.")
  List<Path> files;

  @Option(
      names = "--schema",
      paramLabel = "ID|PATH",
      defaultValue = "receipt",
      description =
          "A shipped schema id (see `docsift schemas list`) or a schema file. Default: ${DEFAULT-VALUE}.")
  String schema;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Folder for the results; created when missing.")
  Path out;

  @Option(
      names = "--format",
      paramLabel = "json|jsonl|csv",
      defaultValue = "json",
      description = "Output format. Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(
      names = "--data-only",
      description = "Write the schema instance alone, without the envelope.")
  boolean dataOnly;

  @Option(names = "--password", paramLabel = "PW", description = "Password of encrypted PDFs.")
  String password;

  @CommandLine.Mixin ReadingOptions reading = new ReadingOptions();

  @CommandLine.Mixin EngineOptions engineOptions = new EngineOptions();

  @CommandLine.Mixin BatchOptions batch = new BatchOptions();

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    ExportFormat exportFormat;
    PipelineConfig config;
    try {
      exportFormat = ExportFormat.parse(format);
      batch.check();
      EngineChoice engine = engineOptions.choice();
      config = reading.pipeline(password, batch.workers(engine), engine);
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    if (out == null && files.size() > 1 && exportFormat == ExportFormat.JSON) {
      return usage(
          "Several inputs need --out DIR, or --format jsonl to stream them to standard output.");
    }
    Optional<DocumentSchema> resolved = Errors.resolveSchema(schema, err);
    if (resolved.isEmpty()) {
      return 2;
    }
    DocumentSchema documentSchema = resolved.get();
    List<Outcome> outcomes;
    try {
      outcomes = batch.run(config, null, files, documentSchema, err);
    } catch (DocsiftException e) {
      return Errors.startFailed(err, e);
    }
    List<ExtractionResult> results = new ArrayList<>();
    int failed = 0;
    for (Outcome outcome : outcomes) {
      switch (outcome) {
        case Outcome.Success s -> results.add(s.result());
        case Outcome.Failure f -> {
          failed++;
          err.println(f.file() + ": " + f.error().userMessage());
        }
      }
    }
    ResultExporter exporter = new ResultExporter(documentSchema, exportFormat, dataOnly);
    try {
      if (out != null) {
        for (Path written : exporter.writeTo(results, out)) {
          err.println("wrote " + written);
        }
      } else if (!results.isEmpty()) {
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(exporter.render(results));
        stdout.flush();
      }
    } catch (IOException e) {
      err.println(
          ErrorCode.OUTPUT_FAILED.code()
              + " Cannot write results to "
              + out
              + ": "
              + e.getMessage());
      err.flush();
      return 1;
    }
    if (files.size() > 1 || failed > 0) {
      err.printf(
          "%d of %d documents extracted, %d failed.%n", results.size(), files.size(), failed);
    }
    err.flush();
    return failed == 0 ? 0 : 1;
  }

  private int usage(String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(message);
    err.println("See 'docsift extract --help'.");
    err.flush();
    return 2;
  }
}
