package dev.docsift.core.slm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.slm.fixtures.TestFixtures;
import dev.docsift.slm.pack.PackStore;
import dev.docsift.slm.pack.importer.ModelImport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tiny random Idefics3 export of the test fixtures (scripts/vision/make_idefics3_export.py
 * --shape tiny), its tokenizer shared from slm-engine's idefics3-prompt (see {@link TestFixtures}).
 */
final class TinyIdefics3 {
  /** The export's fixture folder. */
  static final String EXPORT = "tiny-idefics3-export";

  private TinyIdefics3() {}

  /** The export folder; skips the test when it is absent. */
  static Path export() {
    return TestFixtures.folder(EXPORT);
  }

  /** reference.json: PyTorch prompt ids, last prefill logits and greedy tokens. */
  static JsonNode reference() throws IOException {
    return new ObjectMapper().readTree(Files.readString(export().resolve("reference.json")));
  }

  /** Imports the export into a store under {@code dir} and returns the pack's folder. */
  static Path importInto(Path dir) throws Exception {
    return new PackStore(dir.resolve("store"))
        .install(ModelImport.plan(export(), null, null), false)
        .folder();
  }

  /** make_idefics3_export.formula_page(side): 8-bit RGB from a formula. */
  static BufferedImage formulaPage(int side) {
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int r = Math.floorMod(x * 7 + y * 3, 256);
        int g = Math.floorMod(x * y, 256);
        int b = Math.floorMod(255 - x * 2 + y, 256);
        image.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return image;
  }
}
