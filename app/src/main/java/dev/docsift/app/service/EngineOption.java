package dev.docsift.app.service;

import dev.docsift.core.engine.EngineChoice;
import dev.docsift.slm.decoder.ExecutionProvider;
import dev.docsift.slm.pack.InstalledPack;
import dev.docsift.slm.pack.PackException;
import dev.docsift.slm.pack.PackStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An entry of the engine picker: the embedded OCR engine, or an installed model pack.
 *
 * @param label what the picker shows
 * @param pack the pack's name, or null for the OCR engine
 * @param problem why the pack cannot be used, or null
 */
public record EngineOption(String label, String pack, String problem) {
  /** The embedded OCR engine. */
  public static final EngineOption OCR = new EngineOption("OCR (built in)", null, null);

  /** Whether this is the OCR engine. */
  public boolean ocr() {
    return pack == null;
  }

  /**
   * The pipeline's engine for this entry.
   *
   * @param provider where a pack runs; ignored for the OCR engine
   * @param modelsDir the pack store's folder, or null for the default one
   * @return the choice
   */
  public EngineChoice choice(ExecutionProvider provider, Path modelsDir) {
    return ocr()
        ? EngineChoice.OCR
        : EngineChoice.Slm.of(pack).withProvider(provider).withModelsDir(modelsDir);
  }

  /**
   * The picker's entries: the OCR engine, then every installed pack by name.
   *
   * @param modelsDir the pack store's folder, or null for the default one
   * @return the entries
   * @throws PackException when the store cannot be read
   */
  public static List<EngineOption> list(Path modelsDir) throws PackException {
    PackStore store = modelsDir == null ? PackStore.openDefault() : new PackStore(modelsDir);
    List<EngineOption> options = new ArrayList<>(List.of(OCR));
    for (InstalledPack pack : store.list()) {
      options.add(
          new EngineOption(
              "Model " + pack.name() + (pack.problem() == null ? "" : " (unusable)"),
              pack.name(),
              pack.problem()));
    }
    return options;
  }

  @Override
  public String toString() {
    return label;
  }
}
