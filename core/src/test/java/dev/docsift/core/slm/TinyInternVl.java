package dev.docsift.core.slm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.core.engine.EngineChoice;
import dev.docsift.slm.decoder.ExecutionProvider;
import dev.docsift.slm.fixtures.TestFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tiny InternVL-shaped pack of the test fixtures (scripts/vision/make_tiny_internvl_pack.py):
 * its own files under src/test/resources, its graphs and tokenizer shared from slm-engine's and
 * vision-encoder's test jars (see {@link TestFixtures}).
 */
final class TinyInternVl {
  private TinyInternVl() {}

  /** The pack folder; skips the test when it is absent. */
  static Path folder() {
    assumeTrue(
        TestFixtures.present("tiny-internvl"),
        "tiny-internvl is absent (scripts/vision/make_tiny_internvl_pack.py)");
    return TestFixtures.folder("tiny-internvl");
  }

  /** The engine settings for the pack on the CPU. */
  static EngineChoice.Slm choice() {
    return EngineChoice.Slm.of(folder().toString()).withProvider(ExecutionProvider.CPU);
  }

  static JsonNode reference() throws IOException {
    return new ObjectMapper().readTree(Files.readString(folder().resolve("reference.json")));
  }

  /** The pixel values of make_tiny_vit.test_input(tiles). */
  static float[] testInput(int tiles) {
    float[] x = new float[tiles * 3 * 448 * 448];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (2.0 * Math.sin(i * 0.001 + 0.3));
    }
    return x;
  }

  /** Copies the pack to a folder, so a test may damage it. */
  static Path copyTo(Path target) throws IOException {
    folder();
    return TestFixtures.copy("tiny-internvl", target);
  }
}
