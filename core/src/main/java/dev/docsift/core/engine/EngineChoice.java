package dev.docsift.core.engine;

import dev.docsift.slm.decoder.ExecutionProvider;
import java.nio.file.Path;
import java.util.Objects;

/** Which engine a pipeline runs: the embedded OCR engine, or a model pack on the slm engine. */
public sealed interface EngineChoice {
  /** The embedded default. */
  EngineChoice OCR = new Ocr();

  /** The engine's name in results and on the command line: {@code ocr} or {@code slm}. */
  String name();

  /** Tesseract and the schema-guided, layout-aware extractor. */
  record Ocr() implements EngineChoice {
    @Override
    public String name() {
      return "ocr";
    }
  }

  /**
   * A vision-language model pack writes the JSON under the schema constraint.
   *
   * @param model an installed pack's name, or the path of a pack folder
   * @param modelsDir the pack store's folder, or null for the default one
   * @param provider where ONNX Runtime runs the graphs
   * @param grounding whether string values must occur in the page's OCR text (which also gives each
   *     value its box); OCR runs first either way, for boxes and tile pruning
   * @param pruneTiles whether the paper around the words and tiles without ink are left out of the
   *     encoder
   * @param maxNewTokens the most tokens the decoder writes for one document
   */
  record Slm(
      String model,
      Path modelsDir,
      ExecutionProvider provider,
      boolean grounding,
      boolean pruneTiles,
      int maxNewTokens)
      implements EngineChoice {
    /** Validates. */
    public Slm {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(provider, "provider");
      if (model.isBlank()) {
        throw new IllegalArgumentException("model must not be blank");
      }
      if (maxNewTokens < 1) {
        throw new IllegalArgumentException("maxNewTokens must be at least 1: " + maxNewTokens);
      }
    }

    /**
     * Defaults for a pack: automatic provider, grounding and tile pruning on, 1024 new tokens.
     *
     * @param model an installed pack's name or a pack folder
     * @return the choice
     */
    public static Slm of(String model) {
      return new Slm(model, null, ExecutionProvider.AUTO, true, true, 1024);
    }

    /** A copy with another execution provider. */
    public Slm withProvider(ExecutionProvider p) {
      return new Slm(model, modelsDir, p, grounding, pruneTiles, maxNewTokens);
    }

    /** A copy that looks for installed packs in another folder. */
    public Slm withModelsDir(Path dir) {
      return new Slm(model, dir, provider, grounding, pruneTiles, maxNewTokens);
    }

    @Override
    public String name() {
      return "slm";
    }
  }
}
