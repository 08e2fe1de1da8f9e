package dev.docsift.app.settings;

import dev.docsift.core.engine.EngineChoice;
import dev.docsift.core.intake.IntakeOptions;
import dev.docsift.core.ocr.OcrOptions;
import dev.docsift.core.pipeline.PipelineConfig;
import dev.docsift.slm.decoder.ExecutionProvider;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the desktop window remembers between runs.
 *
 * @param tessdata the folder of Tesseract's {@code *.traineddata}, or null to search the usual
 *     places
 * @param languages OCR languages as Tesseract writes them, such as {@code eng+deu}
 * @param defaultSchema the schema picked at start: a shipped id or a schema file's path
 * @param threads how many documents are processed at once
 * @param modelsDir the model pack store's folder, or null for the default one
 * @param provider where model packs run
 */
public record Settings(
    Path tessdata,
    String languages,
    String defaultSchema,
    int threads,
    Path modelsDir,
    ExecutionProvider provider) {
  /** The most documents processed at once that the window offers. */
  public static final int MAX_THREADS = 64;

  /**
   * Validates.
   *
   * @throws IllegalArgumentException when a language name is not Tesseract's, the schema is blank
   *     or threads is out of 1..{@value #MAX_THREADS}
   */
  public Settings {
    Objects.requireNonNull(languages, "languages");
    Objects.requireNonNull(defaultSchema, "defaultSchema");
    Objects.requireNonNull(provider, "provider");
    languages = String.join("+", OcrOptions.parseLanguages(languages));
    if (defaultSchema.isBlank()) {
      throw new IllegalArgumentException("the default schema must not be blank");
    }
    if (threads < 1 || threads > MAX_THREADS) {
      throw new IllegalArgumentException(
          "threads must be between 1 and " + MAX_THREADS + ": " + threads);
    }
  }

  /**
   * English, the receipt schema, one document per core but one (see {@link #defaultThreads}), the
   * default folders, automatic provider.
   */
  public static Settings defaults() {
    return new Settings(
        null,
        "eng",
        "receipt",
        defaultThreads(Runtime.getRuntime().availableProcessors()),
        null,
        ExecutionProvider.AUTO);
  }

  /**
   * How many documents the window reads at once by default: one per core, less one core kept for
   * the window itself. OCR keeps a core fully busy, and Java's thread priorities do nothing on
   * Linux, so with every core reading, the window's own thread and its renderer wait their turn and
   * it stutters. The command line, which has no window, uses every core.
   *
   * @param cores the processors available
   * @return at least 1
   */
  public static int defaultThreads(int cores) {
    return Math.max(1, Math.min(MAX_THREADS, cores - 1));
  }

  /**
   * The pipeline settings for an engine: 300 dpi, these languages and tessdata, orientation and
   * skew fixed, one Tesseract handle per thread.
   *
   * @param engine the engine
   * @return the settings
   */
  public PipelineConfig pipeline(EngineChoice engine) {
    return new PipelineConfig(
            IntakeOptions.defaults(),
            new OcrOptions(OcrOptions.parseLanguages(languages), tessdata, true, true, threads),
            threads)
        .withEngine(engine);
  }
}
