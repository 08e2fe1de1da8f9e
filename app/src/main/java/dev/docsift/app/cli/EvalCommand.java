package dev.docsift.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.docsift.app.service.InputFiles;
import dev.docsift.core.DocsiftException;
import dev.docsift.core.engine.EngineChoice;
import dev.docsift.core.eval.EvalReport;
import dev.docsift.core.eval.Scorecard;
import dev.docsift.core.export.AtomicFiles;
import dev.docsift.core.model.OcrLine;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.core.pipeline.Outcome;
import dev.docsift.core.pipeline.PipelineConfig;
import dev.docsift.errors.ErrorCode;
import dev.docsift.schemas.DocumentSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code docsift eval DOCS... --truth DIR}: field accuracy against true data. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Extracts documents (or reads results already written) and compares their data with true"
          + " data: DIR/<name>.json, a schema instance as --data-only writes it or the window"
          + " exports it after correction.",
      "Prints a table per field (exact %, ANLS similarity, how often the true value is in the OCR"
          + " text), totals and the worst misses. A null in the truth means not labelled."
    })
public final class EvalCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "DOCS", arity = "1..*", description = "Documents or folders of them.")
  List<Path> inputs;

  @Option(
      names = "--truth",
      required = true,
      paramLabel = "DIR",
      description = "Folder of true data, <name>.json per document.")
  Path truthDir;

  @Option(
      names = "--schema",
      paramLabel = "ID|PATH",
      defaultValue = "receipt",
      description = "The schema of the data. Default: ${DEFAULT-VALUE}.")
  String schema;

  @Option(
      names = "--results",
      paramLabel = "DIR",
      description =
          "Read <name>.json results already written (envelope or data) instead of extracting.")
  Path resultsDir;

  @Option(
      names = "--report",
      paramLabel = "FILE.json",
      description = "Also write the figures and misses as JSON.")
  Path report;

  @Option(
      names = "--misses",
      paramLabel = "N",
      defaultValue = "10",
      description = "How many of the worst misses to show. Default: ${DEFAULT-VALUE}.")
  int misses;

  @Option(
      names = "--ocr-cache",
      paramLabel = "DIR",
      description =
          "Keep OCR readings in DIR and reuse them on the next run (same pages, same"
              + " reader and settings).")
  Path ocrCache;

  @CommandLine.Mixin ReadingOptions reading = new ReadingOptions();

  @CommandLine.Mixin EngineOptions engineOptions = new EngineOptions();

  @CommandLine.Mixin BatchOptions batch = new BatchOptions();

  private int pages;
  private long renderMs;
  private long ocrMs;
  private long extractMs;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      reading.ocrOptions(1);
      reading.intake(null);
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    if (!Files.isDirectory(truthDir)) {
      return usage("--truth must be a folder of <name>.json files: " + truthDir);
    }
    if (resultsDir != null && !Files.isDirectory(resultsDir)) {
      return usage("--results must be a folder of results: " + resultsDir);
    }
    if (misses < 0) {
      return usage("--misses must be 0 or more: " + misses);
    }
    Optional<DocumentSchema> resolved = Errors.resolveSchema(schema, err);
    if (resolved.isEmpty()) {
      return 2;
    }
    DocumentSchema documentSchema = resolved.get();
    List<Path> files;
    try {
      files = InputFiles.expand(inputs);
    } catch (UncheckedIOException e) {
      return usage("Cannot list " + inputs + ": " + e.getCause().getMessage());
    }
    Map<Path, JsonNode> truths = new LinkedHashMap<>();
    for (Path file : files) {
      Path truthFile = truthDir.resolve(stem(file) + ".json");
      if (!Files.isRegularFile(truthFile)) {
        err.println(file.getFileName() + ": no true data at " + truthFile + ", not scored.");
        continue;
      }
      try {
        truths.put(file, MAPPER.readTree(truthFile.toFile()));
      } catch (IOException e) {
        return usage("Cannot read the true data " + truthFile + ": " + e.getMessage());
      }
    }
    if (truths.isEmpty()) {
      return usage("No document has true data in " + truthDir + ".");
    }
    Scorecard card = new Scorecard(documentSchema.fields());
    int failed;
    if (resultsDir != null) {
      failed = readResults(truths, card, err);
    } else {
      Integer extracted = extract(new ArrayList<>(truths.keySet()), truths, documentSchema, card);
      if (extracted == null) {
        return 2;
      }
      failed = extracted;
    }
    EvalReport result = card.report(misses);
    EvalTable.Speed speed =
        new EvalTable.Speed(
            pages,
            renderMs,
            ocrMs,
            extractMs,
            PeakMemory.peakRssBytes().orElse(-1),
            ocrCache != null);
    EvalTable.print(out, result, truths.size(), failed, resultsDir == null ? speed : null);
    out.flush();
    if (report != null) {
      try {
        AtomicFiles.write(
            report,
            MAPPER
                .copy()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(
                    EvalTable.json(
                        result, truths.size(), failed, resultsDir == null ? speed : null)));
        err.println("wrote " + report);
      } catch (IOException e) {
        err.println(
            ErrorCode.OUTPUT_FAILED.code() + " Cannot write " + report + ": " + e.getMessage());
        err.flush();
        return 1;
      }
    }
    err.flush();
    return failed == 0 ? 0 : 1;
  }

  /** Extracts and scores; returns how many failed, or null after a start failure was reported. */
  private Integer extract(
      List<Path> files, Map<Path, JsonNode> truths, DocumentSchema documentSchema, Scorecard card) {
    PrintWriter err = spec.commandLine().getErr();
    PipelineConfig config;
    try {
      batch.check();
      EngineChoice engine = engineOptions.choice();
      config = reading.pipeline(null, batch.workers(engine), engine);
    } catch (IllegalArgumentException e) {
      usage(e.getMessage());
      return null;
    }
    List<Outcome> outcomes;
    try {
      outcomes = batch.run(config, ocrCache, files, documentSchema, err);
    } catch (DocsiftException e) {
      Errors.startFailed(err, e);
      return null;
    }
    int failed = 0;
    for (Outcome outcome : outcomes) {
      JsonNode truth = truths.get(outcome.file());
      String name = outcome.file().getFileName().toString();
      switch (outcome) {
        case Outcome.Success s -> {
          card.add(name, truth, s.result().data(), lines(s.result()));
          pages += s.result().pages();
          renderMs += s.result().timings().render();
          ocrMs += s.result().timings().ocr();
          extractMs += s.result().timings().extract();
        }
        case Outcome.Failure f -> {
          failed++;
          err.println(outcome.file() + ": " + f.error().userMessage());
          card.failed(name, truth, f.error().userMessage());
        }
      }
    }
    return failed;
  }

  private int readResults(Map<Path, JsonNode> truths, Scorecard card, PrintWriter err) {
    int failed = 0;
    for (Map.Entry<Path, JsonNode> e : truths.entrySet()) {
      String name = e.getKey().getFileName().toString();
      Path resultFile = resultsDir.resolve(stem(e.getKey()) + ".json");
      try {
        JsonNode result = MAPPER.readTree(resultFile.toFile());
        JsonNode data = result.has("docsift") && result.has("data") ? result.get("data") : result;
        card.add(name, e.getValue(), data, List.of());
      } catch (IOException ex) {
        failed++;
        String why = "no readable result at " + resultFile;
        err.println(name + ": " + why);
        card.failed(name, e.getValue(), why);
      }
    }
    return failed;
  }

  private static List<String> lines(ExtractionResult result) {
    List<String> lines = new ArrayList<>();
    for (OcrPage page : result.ocrPages()) {
      for (OcrLine line : page.lines()) {
        lines.add(line.text());
      }
    }
    return lines;
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private int usage(String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(message);
    err.println("See 'docsift eval --help'.");
    err.flush();
    return 2;
  }
}
