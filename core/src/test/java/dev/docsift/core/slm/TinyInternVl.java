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
 * vision-encoder's test jars (see {@link TestFixtures}). Beside it, {@value #CONVERTED}: the pack
 * scripts/vision/convert_internvl.py made from a random checkpoint in the released InternVL layout,
 * with the reference of an independent PyTorch forward of that checkpoint; and {@value
 * #CONVERTED_QWEN2}, the same for InternVL2-1B's layout.
 */
final class TinyInternVl {
  /** The pack made by the tiny pack script. */
  static final String NAME = "tiny-internvl";

  /** The pack converted from a safetensors checkpoint (scripts/vision/convert_internvl.py). */
  static final String CONVERTED = "tiny-internvl-converted";

  /**
   * The pack converted from a random checkpoint in InternVL2-1B's layout (a Qwen2 language model
   * with q / k / v biases, the Hermes-2 template).
   */
  static final String CONVERTED_QWEN2 = "tiny-internvl2-converted";

  private TinyInternVl() {}

  /** The pack folder; skips the test when it is absent. */
  static Path folder() {
    return folder(NAME);
  }

  /** The named fixture pack's folder; skips the test when it is absent. */
  static Path folder(String name) {
    assumeTrue(TestFixtures.present(name), name + " is absent (see scripts/vision/README.md)");
    return TestFixtures.folder(name);
  }

  /** The engine settings for the pack on the CPU. */
  static EngineChoice.Slm choice() {
    return choice(NAME);
  }

  /** The engine settings for the named fixture pack on the CPU. */
  static EngineChoice.Slm choice(String name) {
    return EngineChoice.Slm.of(folder(name).toString()).withProvider(ExecutionProvider.CPU);
  }

  static JsonNode reference() throws IOException {
    return reference(NAME);
  }

  /** The named fixture pack's reference.json (PyTorch prompt ids, logits and greedy tokens). */
  static JsonNode reference(String name) throws IOException {
    return new ObjectMapper().readTree(Files.readString(folder(name).resolve("reference.json")));
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
    return TestFixtures.copy(NAME, target);
  }
}
