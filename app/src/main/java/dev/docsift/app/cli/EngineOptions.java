package dev.docsift.app.cli;

import dev.docsift.core.engine.EngineChoice;
import dev.docsift.slm.decoder.ExecutionProvider;
import dev.docsift.slm.pack.PackStore;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The engine options {@code extract} and {@code watch} share: {@code --engine}, and for the slm
 * engine the pack and its settings.
 */
final class EngineOptions {
  /** The most tokens the decoder may write for one document unless told otherwise. */
  static final int DEFAULT_MAX_NEW_TOKENS = 1024;

  @Option(
      names = "--engine",
      paramLabel = "ocr|slm",
      defaultValue = "ocr",
      description =
          "ocr: Tesseract and the layout-aware extractor (embedded). slm: a model pack writes the"
              + " JSON (needs --model). Default: ${DEFAULT-VALUE}.")
  String engine;

  @Option(
      names = "--model",
      paramLabel = "PACK",
      description = "The slm engine's model pack: an installed pack's name or a pack folder.")
  String model;

  @Option(
      names = "--ep",
      paramLabel = "auto|cpu|coreml|directml|cuda",
      defaultValue = "auto",
      description =
          "Where the slm engine runs; falls back to the CPU, with a warning, where this build lacks"
              + " it. Default: ${DEFAULT-VALUE}.")
  String ep;

  @Option(
      names = "--models-dir",
      paramLabel = "DIR",
      description = "Folder of installed packs (default: $" + PackStore.ENV + ", else user data).")
  Path modelsDir;

  @Option(
      names = "--no-grounding",
      negatable = false,
      description =
          "slm: let strings take any text, not only text that OCR read on the page (values then"
              + " may have no box).")
  boolean noGrounding;

  @Option(
      names = "--no-prune-tiles",
      negatable = false,
      description = "slm: encode the whole page, every tile, blank ones too.")
  boolean noPruneTiles;

  @Option(
      names = "--max-new-tokens",
      paramLabel = "N",
      defaultValue = "" + DEFAULT_MAX_NEW_TOKENS,
      description =
          "slm: the most tokens the model writes per document. Default: ${DEFAULT-VALUE}.")
  int maxNewTokens;

  /**
   * How many documents run at once by default for an engine: the slm engine's sessions already use
   * every core for one document, so one at a time; the ocr engine one per core.
   *
   * @param engine the chosen engine
   * @param requested what the user asked for, or null
   * @return the worker count
   */
  static int workers(EngineChoice engine, Integer requested) {
    if (requested != null) {
      return requested;
    }
    return engine instanceof EngineChoice.Slm ? 1 : Runtime.getRuntime().availableProcessors();
  }

  /** Whether the slm engine was chosen. */
  boolean slm() {
    return engine.trim().toLowerCase(Locale.ROOT).equals("slm");
  }

  /**
   * The engine these options name.
   *
   * @return the choice
   * @throws IllegalArgumentException with a sentence for the user when the options disagree
   */
  EngineChoice choice() {
    String name = engine.trim().toLowerCase(Locale.ROOT);
    switch (name) {
      case "ocr" -> {
        if (model != null) {
          throw new IllegalArgumentException("--model applies to --engine slm only.");
        }
        return EngineChoice.OCR;
      }
      case "slm" -> {
        if (model == null || model.isBlank()) {
          throw new IllegalArgumentException(
              "--engine slm needs --model PACK: an installed pack (see 'docsift models list') or"
                  + " a pack folder.");
        }
        if (maxNewTokens < 1) {
          throw new IllegalArgumentException(
              "--max-new-tokens must be at least 1: " + maxNewTokens);
        }
        return new EngineChoice.Slm(
            model,
            modelsDir,
            ExecutionProvider.parse(ep),
            !noGrounding,
            !noPruneTiles,
            maxNewTokens);
      }
      default ->
          throw new IllegalArgumentException("Unknown --engine '" + engine + "': use ocr or slm.");
    }
  }
}
