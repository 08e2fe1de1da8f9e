package dev.docsift.bench;

import dev.docsift.app.cli.PeakMemory;
import dev.docsift.core.DocsiftException;
import dev.docsift.core.engine.EngineChoice;
import dev.docsift.core.pipeline.Cancellation;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.core.pipeline.Pipeline;
import dev.docsift.core.pipeline.PipelineConfig;
import dev.docsift.core.pipeline.StageTimings;
import dev.docsift.samples.Degradation;
import dev.docsift.samples.DocumentType;
import dev.docsift.samples.Sample;
import dev.docsift.samples.SampleFiles;
import dev.docsift.samples.SampleGenerator;
import dev.docsift.schemas.SchemaCatalog;
import dev.docsift.slm.decoder.ExecutionProvider;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code docsift bench page --model PACK...}: the slm engine's seconds per page on an A4 invoice ,
 * a long receipt and that receipt scanned on A4 paper, split into render, OCR, tiling, encoder per
 * tile, prefill and decode, with the peak RSS of each pack. Several packs (the same model with an
 * fp32 and an int8 vision encoder, say) are measured on the same pages and compared.
 */
@Command(
    name = "page",
    mixinStandardHelpOptions = true,
    description =
        "Measures the slm engine page by page: render, OCR, tiling, encoder, prefill, decode.")
public final class PageBenchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "PACK",
      description = "A pack folder or installed pack; repeat it to compare packs.")
  List<String> models;

  @CommandLine.Mixin ProviderOption providerOption;

  @Option(
      names = "--max-new-tokens",
      defaultValue = "256",
      description = "Tokens the decoder may write per document. Default: ${DEFAULT-VALUE}.")
  int maxNewTokens;

  @Option(
      names = "--runs",
      defaultValue = "1",
      description = "Runs per document; the fastest counts. Default: ${DEFAULT-VALUE}.")
  int runs;

  @Option(names = "--no-prune-tiles", description = "Encode the whole page, blank tiles too.")
  boolean noPrune;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "Seed of the generated documents. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--keep",
      paramLabel = "DIR",
      description = "Write the documents here instead of a temporary folder.")
  Path keep;

  private record Doc(String label, String schema, Path file) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ExecutionProvider provider = providerOption.parse(err).orElse(null);
    if (provider == null) {
      return 2;
    }
    if (runs < 1 || maxNewTokens < 1) {
      err.println("--runs and --max-new-tokens must be 1 or more.");
      return 2;
    }
    Path dir =
        keep != null
            ? Files.createDirectories(keep)
            : Files.createTempDirectory("docsift-bench-page");
    List<Doc> docs = documents(dir);
    out.printf(
        "docsift bench page: %d cores, Java %s, max %d new tokens, pruning %s, best of %d%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        maxNewTokens,
        noPrune ? "off" : "on",
        runs);
    List<Double> encoderPerTile = new ArrayList<>();
    for (String model : models) {
      resetPeakRss();
      EngineChoice.Slm choice =
          new EngineChoice.Slm(model, null, provider, true, !noPrune, maxNewTokens);
      PipelineConfig d = PipelineConfig.defaults();
      long t0 = System.nanoTime();
      Pipeline pipeline;
      try {
        pipeline = Pipeline.create(new PipelineConfig(d.intake(), d.ocr(), 1, choice));
      } catch (DocsiftException e) {
        err.println(e.userMessage());
        return 1;
      }
      try (pipeline) {
        double load = (System.nanoTime() - t0) / 1e9;
        out.printf(
            "%npack %s on %s: load %.1f s%n",
            pipeline.engineInfo().model(), pipeline.engineInfo().executionProvider(), load);
        out.printf(
            "%-22s %7s %7s %7s %8s %10s %17s %17s %8s%n",
            "document",
            "render",
            "ocr",
            "tiling",
            "tiles",
            "enc/tile",
            "prefill tok (t/s)",
            "decode tok (t/s)",
            "total s");
        long tiles = 0;
        long encodeMs = 0;
        for (Doc doc : docs) {
          ExtractionResult best = null;
          for (int r = 0; r < runs; r++) {
            ExtractionResult result =
                pipeline.process(
                    doc.file(),
                    SchemaCatalog.shipped().get(doc.schema()),
                    e -> {},
                    new Cancellation());
            if (best == null || result.timings().total() < best.timings().total()) {
              best = result;
            }
          }
          StageTimings t = best.timings();
          Map<String, Long> s = t.engineStages();
          Map<String, Long> c = t.engineCounts();
          long encoded = c.getOrDefault("tiles_encoded", 0L);
          tiles += encoded;
          encodeMs += s.getOrDefault("encode", 0L);
          out.printf(
              Locale.ROOT,
              "%-22s %7.2f %7.2f %7.2f %8s %10s %17s %17s %8.1f%n",
              doc.label(),
              t.render() / 1e3,
              t.ocr() / 1e3,
              s.getOrDefault("tiling", 0L) / 1e3,
              encoded + "/" + c.getOrDefault("tiles", 0L),
              encoded == 0
                  ? "-"
                  : String.format(Locale.ROOT, "%.2f s", s.get("encode") / 1e3 / encoded),
              rate(c.get("prompt_tokens"), s.get("prefill")),
              rate(c.get("generated_tokens"), s.get("decode")),
              t.total() / 1e3);
          out.flush();
        }
        if (tiles > 0) {
          encoderPerTile.add(encodeMs / 1e3 / tiles);
        }
        PeakMemory.peakRssBytes()
            .ifPresent(b -> out.printf("peak RSS: %d MiB%n", b / (1024 * 1024)));
      }
    }
    if (encoderPerTile.size() > 1) {
      out.println();
      for (int i = 1; i < encoderPerTile.size(); i++) {
        out.printf(
            Locale.ROOT,
            "encoder per tile, %s / %s: %.2fx%n",
            models.get(i),
            models.get(0),
            encoderPerTile.get(i) / encoderPerTile.get(0));
      }
    }
    out.flush();
    return 0;
  }

  private static String rate(Long tokens, Long millis) {
    if (tokens == null || millis == null) {
      return "-";
    }
    double tps = millis == 0 ? 0 : tokens * 1000.0 / millis;
    return String.format(Locale.ROOT, "%d (%.1f)", tokens, tps);
  }

  /**
   * An A4 invoice at 300 dpi, a long till receipt and the same receipt scanned on A4 paper,
   * generated from the seed.
   */
  private List<Doc> documents(Path dir) throws java.io.IOException {
    SampleGenerator clean = new SampleGenerator(Degradation.CLEAN);
    Sample invoice = clean.generate(DocumentType.INVOICE, seed);
    Path invoicePdf = dir.resolve("invoice.pdf");
    SampleFiles.writePdf(invoice, invoicePdf);
    // The longest of a few receipts: long receipts are what stress the tile grid.
    Sample receipt = null;
    for (long s = seed; s < seed + 8; s++) {
      Sample r = clean.generate(DocumentType.RECEIPT, s);
      double aspect = (double) r.page().getHeight() / r.page().getWidth();
      if (receipt == null
          || aspect > (double) receipt.page().getHeight() / receipt.page().getWidth()) {
        receipt = r;
      }
    }
    Path receiptPdf = dir.resolve("receipt.pdf");
    SampleFiles.writePdf(receipt, receiptPdf);
    // The same receipt as a flatbed scan, on a page of A4 paper: what OCR-guided tile choice is
    // for (the whole page takes seven tiles, the receipt alone fewer).
    BufferedImage scan = onA4(receipt.page(), receipt.dpi());
    Path scanPdf = dir.resolve("receipt-scan.pdf");
    SampleFiles.writePdf(List.of(scan), receipt.dpi(), 0, scanPdf);
    return List.of(
        new Doc(label("invoice", invoice.page()), "invoice", invoicePdf),
        new Doc(label("receipt", receipt.page()), "receipt", receiptPdf),
        new Doc(label("receipt scan", scan), "receipt", scanPdf));
  }

  /** A page of A4 paper at {@code dpi} with {@code image} on it, centred, near the top edge. */
  private static BufferedImage onA4(BufferedImage image, int dpi) {
    int w = (int) Math.round(210 / 25.4 * dpi);
    int h = (int) Math.round(297 / 25.4 * dpi);
    BufferedImage page = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.drawImage(image, (w - image.getWidth()) / 2, dpi / 2, null);
    g.dispose();
    return page;
  }

  private static String label(String kind, BufferedImage page) {
    return kind + " " + page.getWidth() + "x" + page.getHeight();
  }

  /** Resets the kernel's peak RSS counter (Linux), so each pack's peak is its own. */
  private static void resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux, or not allowed: the figure is then the process's peak so far
    }
  }
}
