package dev.docsift.bench;

import dev.docsift.app.service.InputFiles;
import dev.docsift.core.DocsiftException;
import dev.docsift.core.intake.DocumentOpener;
import dev.docsift.core.intake.IntakeOptions;
import dev.docsift.core.intake.PageSource;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.PageImage;
import dev.docsift.core.ocr.CachedOcrReader;
import dev.docsift.core.ocr.OcrOptions;
import dev.docsift.core.ocr.OcrReader;
import dev.docsift.core.ocr.OcrReaders;
import dev.docsift.core.slm.TileChoice;
import dev.docsift.vision.TilingPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docsift bench tiles DOCS...}: how many vision-encoder tiles the slm engine's OCR-guided
 * tile choice ({@link TileChoice}) saves on real documents, per folder or file given: the tiles of
 * every page tiled whole against those of the part around its words. It needs OCR but no model, so
 * it measures the choice on any set of scans; with {@code --ocr-cache} it reuses the readings of
 * {@code docsift eval --ocr-cache}.
 */
@Command(
    name = "tiles",
    mixinStandardHelpOptions = true,
    description =
        "Counts the vision-encoder tiles of each page, whole and cut to its words (Mississippi"
            + " tiling: 1-6 tiles and a thumbnail).")
public final class TilesBenchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "DOCS", description = "Documents or folders of them.")
  List<Path> inputs;

  @Option(
      names = "--ocr-cache",
      paramLabel = "DIR",
      description = "Keep OCR readings in DIR and reuse them (shared with docsift eval).")
  Path ocrCache;

  @Option(
      names = "--dpi",
      paramLabel = "N",
      description = "Resolution for rendering PDF pages. Default: ${DEFAULT-VALUE}.")
  int dpi = IntakeOptions.DEFAULT_DPI;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TilingPolicy policy = TilingPolicy.MISSISSIPPI_0_8B;
    OcrOptions options = OcrOptions.defaults().withPoolSize(1);
    DocumentOpener opener = new DocumentOpener(IntakeOptions.defaults().withDpi(dpi));
    out.printf(
        "%-28s %6s %6s %8s %8s %8s%n", "documents", "docs", "pages", "cut", "tiles", "cut to");
    try (OcrReader reader = reader(options)) {
      Counts all = new Counts();
      int failed = 0;
      for (Path input : inputs) {
        List<Path> files;
        try {
          files = InputFiles.expand(List.of(input));
        } catch (RuntimeException e) {
          err.println("Cannot list " + input + ": " + e.getMessage());
          return 2;
        }
        Counts set = new Counts();
        for (Path file : files) {
          try (PageSource pages = opener.open(opener.identify(file))) {
            set.docs++;
            for (int n = 1; n <= pages.pageCount(); n++) {
              OcrPage layer = options.textLayer() ? pages.textLayer(n) : null;
              PageImage page = pages.page(n);
              // A PDF's own words, in the rendered page's pixels as the engine tiles them.
              set.add(
                  policy,
                  layer != null
                      ? layer.scaledTo(page.width(), page.height())
                      : reader.recognize(page));
            }
          } catch (DocsiftException e) {
            err.println(file + ": " + e.userMessage());
            failed++;
          }
        }
        out.println(set.line(label(input)));
        all.merge(set);
      }
      if (inputs.size() > 1) {
        out.println(all.line("all"));
      }
      out.flush();
      if (failed > 0) {
        err.println(failed + " document(s) could not be read; they are not counted.");
        return 1;
      }
      return 0;
    } catch (DocsiftException e) {
      err.println(e.userMessage());
      return 1;
    }
  }

  /** A set's name: its folder and the one above, as {@code receipts-lv/docs}. */
  private static String label(Path input) {
    int n = input.getNameCount();
    return n >= 2 ? input.subpath(n - 2, n).toString() : input.toString();
  }

  private OcrReader reader(OcrOptions options) throws DocsiftException {
    OcrReader ocr = OcrReaders.open(options);
    // Keyed as the pipeline keys its cache, so eval's readings are found.
    return ocrCache == null ? ocr : new CachedOcrReader(ocr, ocrCache, options);
  }

  /** Running totals of one set. */
  private static final class Counts {
    int docs;
    int pages;
    int cut;
    long whole;
    long chosen;

    void add(TilingPolicy policy, OcrPage ocr) {
      TileChoice choice = TileChoice.of(policy, ocr.width(), ocr.height(), ocr);
      pages++;
      cut += choice.cropped() ? 1 : 0;
      whole += policy.outputTiles(ocr.width(), ocr.height());
      chosen += choice.tiles(ocr.width(), ocr.height());
    }

    void merge(Counts o) {
      docs += o.docs;
      pages += o.pages;
      cut += o.cut;
      whole += o.whole;
      chosen += o.chosen;
    }

    String line(String name) {
      double saved = whole == 0 ? 0 : 100.0 * (whole - chosen) / whole;
      return String.format(
          Locale.ROOT,
          "%-28s %6d %6d %8d %8d %8d  (%.1f %% fewer)",
          name.length() > 28 ? "…" + name.substring(name.length() - 27) : name,
          docs,
          pages,
          cut,
          whole,
          chosen,
          saved);
    }
  }
}
