package dev.docsift.bench;

import dev.docsift.app.cli.PeakMemory;
import dev.docsift.core.DocsiftException;
import dev.docsift.core.intake.DocumentOpener;
import dev.docsift.core.intake.IntakeOptions;
import dev.docsift.core.intake.PageSource;
import dev.docsift.core.ocr.OcrOptions;
import dev.docsift.core.pipeline.Cancellation;
import dev.docsift.core.pipeline.Outcome;
import dev.docsift.core.pipeline.Pipeline;
import dev.docsift.core.pipeline.PipelineConfig;
import dev.docsift.core.pipeline.ProgressListener;
import dev.docsift.core.pipeline.ResultJson;
import dev.docsift.core.pipeline.StageTimings;
import dev.docsift.samples.BenchSet;
import dev.docsift.samples.FieldAccuracy;
import dev.docsift.schemas.SchemaCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code docsift bench}: generates samples, then measures pages per second on 1 and 2 threads, time
 * per stage, peak RSS, field accuracy, and docsift's OCR throughput against the {@code tesseract}
 * command line on the same page images and cores.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    subcommands = {
      ConstraintBenchCommand.class,
      DecoderBenchCommand.class,
      PageBenchCommand.class,
      ScorerCommand.class,
      TilesBenchCommand.class
    },
    description = "Measures speed and accuracy of the OCR engine on generated samples.")
public final class BenchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--receipts",
      defaultValue = "10",
      description = "Receipts to generate. Default: ${DEFAULT-VALUE}.")
  int receipts;

  @Option(
      names = "--invoices",
      defaultValue = "10",
      description = "Invoices to generate. Default: ${DEFAULT-VALUE}.")
  int invoices;

  @Option(
      names = "--threads",
      defaultValue = "1,2",
      split = ",",
      description = "Thread counts to measure. Default: ${DEFAULT-VALUE}.")
  List<Integer> threads;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the sample generator. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--keep",
      paramLabel = "DIR",
      description = "Write the samples and results here instead of a temporary folder.")
  Path keep;

  @Option(names = "--no-cli", description = "Skip the comparison with the tesseract command line.")
  boolean noCli;

  @Option(names = "--details", description = "Print the accuracy of every field.")
  boolean details;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (receipts < 0
        || invoices < 0
        || receipts + invoices == 0
        || threads.stream().anyMatch(t -> t < 1)) {
      err.println("Need at least one document and thread counts of 1 or more.");
      return 2;
    }
    Path dir =
        keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("docsift-bench");
    err.println(
        "Generating " + receipts + " receipts and " + invoices + " invoices in " + dir + " ...");
    err.flush();
    BenchSet set = BenchSet.generate(dir.resolve("samples"), receipts, invoices, seed);
    out.printf(
        "docsift bench: %d receipts, %d invoices, %d pages, seed %d, %d cores, Java %s%n",
        receipts,
        invoices,
        set.pages(),
        seed,
        Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    out.println();
    out.println("End to end (render, OCR with orientation and deskew, extract):");
    out.printf(
        "%8s %9s %12s %10s %14s%n",
        "threads", "pages/s", "render ms/p", "ocr ms/p", "extract ms/p");
    Map<Integer, Double> pagesPerSecond = new LinkedHashMap<>();
    FieldAccuracy receiptAccuracy = null;
    FieldAccuracy invoiceAccuracy = null;
    for (int t : threads) {
      RunFigures figures = runPipeline(set, t, err);
      pagesPerSecond.put(t, figures.pagesPerSecond());
      out.printf(
          "%8d %9.2f %12.1f %10.1f %14.1f%n",
          t,
          figures.pagesPerSecond(),
          figures.perPage(figures.stages().render()),
          figures.perPage(figures.stages().ocr()),
          figures.perPage(figures.stages().extract()));
      out.flush();
      if (receiptAccuracy == null) {
        receiptAccuracy = figures.accuracy().get("receipt");
        invoiceAccuracy = figures.accuracy().get("invoice");
      }
    }
    if (pagesPerSecond.containsKey(1) && pagesPerSecond.size() > 1) {
      pagesPerSecond.forEach(
          (t, pps) -> {
            if (t != 1) {
              out.printf("scaling %d threads / 1 thread: %.2fx%n", t, pps / pagesPerSecond.get(1));
            }
          });
    }
    out.println();
    printAccuracy(out, "receipts", receiptAccuracy);
    printAccuracy(out, "invoices", invoiceAccuracy);
    if (!noCli) {
      out.println();
      new OcrComparison(out, err).run(set, dir.resolve("pages"), threads);
    }
    out.println();
    PeakMemory.peakRssBytes()
        .ifPresent(b -> out.printf("peak RSS of this process: %d MiB%n", b / (1024 * 1024)));
    out.flush();
    return 0;
  }

  private void printAccuracy(PrintWriter out, String what, FieldAccuracy accuracy) {
    if (accuracy == null || accuracy.overall().total() == 0) {
      return;
    }
    FieldAccuracy.Tally all = accuracy.overall();
    out.printf(
        "field accuracy, %s: %.1f%% (%d of %d values)%n",
        what, 100 * all.rate(), all.correct(), all.total());
    if (details) {
      accuracy
          .perField()
          .forEach(
              (path, t) ->
                  out.printf(
                      "  %-28s %6.1f%% (%d/%d)%n", path, 100 * t.rate(), t.correct(), t.total()));
    }
  }

  private RunFigures runPipeline(BenchSet set, int threadCount, PrintWriter err)
      throws DocsiftException, IOException {
    PipelineConfig config =
        new PipelineConfig(IntakeOptions.defaults(), OcrOptions.defaults(), threadCount);
    Map<String, FieldAccuracy> accuracy = new LinkedHashMap<>();
    long render = 0;
    long ocr = 0;
    long extract = 0;
    long start = System.nanoTime();
    try (Pipeline pipeline = Pipeline.create(config)) {
      for (String schemaId : set.schemaIds()) {
        FieldAccuracy tally = new FieldAccuracy();
        accuracy.put(schemaId, tally);
        List<BenchSet.Case> cases = set.cases(schemaId);
        List<Path> files = cases.stream().map(BenchSet.Case::pdf).toList();
        List<Outcome> outcomes =
            pipeline.processAll(
                files,
                SchemaCatalog.shipped().get(schemaId),
                ProgressListener.NONE,
                new Cancellation());
        for (int i = 0; i < outcomes.size(); i++) {
          switch (outcomes.get(i)) {
            case Outcome.Success s -> {
              tally.add(cases.get(i).truth(), s.result().data());
              render += s.result().timings().render();
              ocr += s.result().timings().ocr();
              extract += s.result().timings().extract();
            }
            case Outcome.Failure f -> {
              tally.add(cases.get(i).truth(), ResultJson.MAPPER.createObjectNode());
              err.println(f.file() + ": " + f.error().userMessage());
            }
          }
        }
      }
    } catch (dev.docsift.schemas.SchemaException e) {
      throw new IllegalStateException("a shipped schema failed to load", e);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new RunFigures(
        set.pages() / seconds, new StageTimings(render, ocr, extract), set.pages(), accuracy);
  }

  /** What one pipeline run measured. */
  private record RunFigures(
      double pagesPerSecond, StageTimings stages, int pages, Map<String, FieldAccuracy> accuracy) {
    double perPage(long totalMillis) {
      return (double) totalMillis / pages;
    }
  }

  /** Renders every page of the set to PNG, for the OCR-only comparison. */
  static List<Path> renderPages(BenchSet set, Path dir) throws DocsiftException, IOException {
    Files.createDirectories(dir);
    DocumentOpener opener = new DocumentOpener(IntakeOptions.defaults());
    List<Path> pngs = new ArrayList<>();
    for (BenchSet.Case c : set.all()) {
      try (PageSource pages = opener.open(opener.identify(c.pdf()))) {
        for (int n = 1; n <= pages.pageCount(); n++) {
          Path png =
              dir.resolve(c.pdf().getFileName().toString().replace(".pdf", "") + "-p" + n + ".png");
          ImageIO.write(pages.page(n).image(), "png", png.toFile());
          pngs.add(png);
        }
      }
    }
    return pngs;
  }
}
