package dev.docsift.app.cli;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.engine.EngineChoice;
import dev.docsift.core.pipeline.Cancellation;
import dev.docsift.core.pipeline.Outcome;
import dev.docsift.core.pipeline.Pipeline;
import dev.docsift.core.pipeline.PipelineConfig;
import dev.docsift.schemas.DocumentSchema;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How a batch of documents runs, the same for {@code extract} and {@code eval}: how many at once,
 * how progress is shown, and the run itself through one pipeline.
 */
final class BatchOptions {
  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Documents processed at once. Default: the number of cores.")
  Integer threads;

  @Option(
      names = "--progress",
      paramLabel = "auto|bar|lines|none",
      defaultValue = "auto",
      description = "How progress is shown on standard error. Default: ${DEFAULT-VALUE}.")
  String progress;

  /**
   * Checks the options that do not depend on the engine.
   *
   * @throws IllegalArgumentException for an unknown progress mode, with a sentence for the user
   */
  void check() {
    ProgressReporter.Mode.parse(progress);
  }

  /**
   * How many documents run at once with an engine.
   *
   * @param engine the chosen engine
   * @return the count, at least 1
   * @throws IllegalArgumentException when --threads is below 1, with a sentence for the user
   */
  int workers(EngineChoice engine) {
    int workers = EngineOptions.workers(engine, threads);
    if (workers < 1) {
      throw new IllegalArgumentException("--threads must be at least 1: " + workers);
    }
    return workers;
  }

  /**
   * Runs documents through one pipeline, showing progress on {@code err}.
   *
   * @param config the pipeline's settings
   * @param ocrCache a folder that keeps OCR readings between runs, or null
   * @param files the documents
   * @param schema what to extract
   * @param err where progress goes
   * @return one outcome per document, in the order given
   * @throws DocsiftException when the pipeline cannot start
   */
  List<Outcome> run(
      PipelineConfig config,
      Path ocrCache,
      List<Path> files,
      DocumentSchema schema,
      PrintWriter err)
      throws DocsiftException {
    try (Pipeline pipeline = Pipeline.create(config, ocrCache);
        ProgressReporter reporter =
            new ProgressReporter(err, ProgressReporter.Mode.parse(progress), files.size())) {
      return pipeline.processAll(files, schema, reporter, new Cancellation());
    }
  }
}
