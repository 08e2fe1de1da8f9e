package dev.docsift.slm.pack.importer;

import dev.docsift.slm.pack.PackException;
import dev.docsift.slm.pack.PackStore;
import java.nio.file.Path;

/**
 * A downloaded public model planned as a pack: a text LLM ({@link TextModelImport}) or an Idefics3
 * vision model such as SmolVLM ({@link Idefics3ModelImport}), told apart by config.json.
 */
public sealed interface ModelImport extends PackStore.PackSource
    permits TextModelImport, Idefics3ModelImport {

  /** The pack's name. */
  String name();

  /** The decoder graph taken, relative to the model folder. */
  Path graph();

  /**
   * Reads a downloaded model folder and plans its pack, of the family its config.json names.
   *
   * @param folder the download (config.json, tokenizer files, {@code onnx/})
   * @param name the pack's name, or null for the folder's name and the weights
   * @param weights which graphs to take, or null for the first present of q4, int8, fp32, fp16
   * @return the planned import, ready for {@link PackStore#install(PackStore.PackSource, boolean)}
   * @throws PackException NOT_FOUND when there is no such folder, NOT_IMPORTABLE naming what the
   *     folder lacks, IO
   */
  static ModelImport plan(Path folder, String name, TextModelImport.Weights weights)
      throws PackException {
    HfModelFolder hf = HfModelFolder.read(folder);
    if (Idefics3ModelImport.isIdefics3(hf)) {
      return Idefics3ModelImport.plan(hf, name, weights);
    }
    return TextModelImport.plan(folder, name, weights);
  }
}
