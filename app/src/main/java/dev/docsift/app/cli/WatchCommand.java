package dev.docsift.app.cli;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.engine.EngineChoice;
import dev.docsift.core.export.ExportFormat;
import dev.docsift.core.pipeline.PipelineConfig;
import dev.docsift.core.watch.FolderWatcher;
import dev.docsift.core.watch.WatchConfig;
import dev.docsift.core.watch.WatchEvent;
import dev.docsift.core.watch.WatchStatus;
import dev.docsift.schemas.DocumentSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code docsift watch INBOX --out OUTBOX}: turns every file dropped in a folder into a result. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Watches a folder: each completely written file becomes one result in OUTBOX, exactly once,"
          + " even across crashes.",
      "Inputs move to INBOX/.done/, or to INBOX/.failed/ next to <name>.error.json. Progress and a"
          + " summary go to standard error; OUTBOX/.docsift/status.json holds the counts.",
      "Stops cleanly on SIGTERM or Ctrl-C, finishing the documents in flight."
    })
public final class WatchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "INBOX", description = "The folder to watch.")
  Path inbox;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "OUTBOX",
      description = "Folder for the results; created when missing.")
  Path out;

  @Option(
      names = "--schema",
      paramLabel = "ID|PATH",
      defaultValue = "receipt",
      description = "A shipped schema id or a schema file. Default: ${DEFAULT-VALUE}.")
  String schema;

  @CommandLine.Mixin ReadingOptions reading = new ReadingOptions();

  @CommandLine.Mixin EngineOptions engineOptions = new EngineOptions();

  @Option(
      names = "--format",
      paramLabel = "json|jsonl|csv",
      defaultValue = "json",
      description =
          "json: one file per document; jsonl: one line per document in results.jsonl; csv: one"
              + " row per document in results.csv, line items in results-<array>.csv."
              + " Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Documents processed at once. Default: the number of cores.")
  Integer concurrency;

  @Option(names = "--once", description = "Process what is there, then exit (0, or 1 on failures).")
  boolean once;

  @Option(names = "--recursive", description = "Watch subfolders too.")
  boolean recursive;

  @Option(names = "--force", description = "Process files whose content was done before.")
  boolean force;

  @Option(
      names = "--exec",
      paramLabel = "CMD",
      description =
          "Run CMD (split on spaces) with the output path appended for each finished document;"
              + " its failure is logged, the result is kept.")
  String exec;

  @Option(
      names = "--settle-ms",
      paramLabel = "MS",
      defaultValue = "2000",
      description =
          "How long a file's size and time must stay unchanged before it is read."
              + " Default: ${DEFAULT-VALUE}.")
  long settleMs;

  @Option(
      names = "--progress",
      paramLabel = "lines|none",
      defaultValue = "lines",
      description =
          "Whether each document gets a line on standard error. Default: ${DEFAULT-VALUE}.")
  String progress;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    EngineChoice engine;
    try {
      engine = engineOptions.choice();
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    ExportFormat exportFormat;
    try {
      exportFormat = ExportFormat.parse(format);
      reading.ocrOptions(1);
      reading.intake(null);
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    boolean lines = !progress.toLowerCase(Locale.ROOT).equals("none");
    int workers = EngineOptions.workers(engine, concurrency);
    if (workers < 1) {
      return usage("--concurrency must be at least 1: " + workers);
    }
    if (settleMs < 0) {
      return usage("--settle-ms must not be negative: " + settleMs);
    }
    if (!Files.isDirectory(inbox)) {
      return usage("INBOX must be an existing folder: " + inbox);
    }
    Optional<DocumentSchema> resolved = Errors.resolveSchema(schema, err);
    if (resolved.isEmpty()) {
      return 2;
    }
    DocumentSchema documentSchema = resolved.get();
    PipelineConfig pipeline =
        new PipelineConfig(reading.intake(null), reading.ocrOptions(workers), workers, engine);
    WatchConfig config =
        WatchConfig.defaults(inbox, out, pipeline)
            .withFormat(exportFormat)
            .withTiming(
                Duration.ofMillis(settleMs), Duration.ofMillis(Math.clamp(settleMs / 4, 50, 500)))
            .withOnce(once)
            .withFlags(recursive, force)
            .withExec(
                exec == null || exec.isBlank() ? List.of() : List.of(exec.trim().split("\\s+")));
    long t0 = System.nanoTime();
    FolderWatcher watcher;
    try {
      watcher = FolderWatcher.start(config, documentSchema, event -> report(err, lines, event));
    } catch (DocsiftException e) {
      return Errors.startFailed(err, e);
    }
    // SIGTERM and Ctrl-C: stop taking files, let the documents in flight finish.
    Thread hook = new Thread(watcher::close, "docsift-watch-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    if (!once) {
      err.println("Watching " + config.inbox() + "; results go to " + config.outbox() + ".");
      err.flush();
    }
    try {
      while (!watcher.awaitTermination(Duration.ofSeconds(1))) {
        // a long-running watch ends by signal only
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      watcher.close();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook is already running
      }
    }
    WatchStatus.Counts counts = watcher.counts();
    double seconds = (System.nanoTime() - t0) / 1e9;
    long total = counts.done() + counts.failed();
    err.printf(
        Locale.ROOT,
        "watch: %d done, %d failed, %d skipped in %.1f s (%.1f files/s), peak RSS %s.%n",
        counts.done(),
        counts.failed(),
        counts.skipped(),
        seconds,
        seconds > 0 ? total / seconds : 0.0,
        peakRss());
    err.flush();
    return counts.failed() == 0 ? 0 : 1;
  }

  private static synchronized void report(PrintWriter err, boolean lines, WatchEvent event) {
    String line =
        switch (event) {
          case WatchEvent.Done d ->
              lines
                  ? d.input().getFileName()
                      + ": done ("
                      + d.millis()
                      + " ms) -> "
                      + d.outputs().get(0)
                  : null;
          case WatchEvent.Failed f ->
              f.input().getFileName()
                  + ": "
                  + f.error().userMessage()
                  + " (moved to "
                  + f.movedTo()
                  + ")";
          case WatchEvent.Skipped s ->
              lines
                  ? s.input().getFileName()
                      + ": already done, skipped (moved to "
                      + s.movedTo()
                      + ")"
                  : null;
          case WatchEvent.Notice n -> n.message();
        };
    if (line != null) {
      err.println(line);
      err.flush();
    }
  }

  /** The process's peak resident set size, where Linux tells it. */
  private static String peakRss() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmHWM:")) {
          return Long.parseLong(l.substring(6).trim().split("\\s+")[0]) / 1024 + " MB";
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "n/a";
  }

  private int usage(String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(message);
    err.println("See 'docsift watch --help'.");
    err.flush();
    return 2;
  }
}
