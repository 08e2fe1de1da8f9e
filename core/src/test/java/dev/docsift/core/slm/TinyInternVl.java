package dev.docsift.core.slm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.core.engine.EngineChoice;
import dev.docsift.slm.decoder.ExecutionProvider;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tiny InternVL-shaped pack under src/test/resources
 * (scripts/vision/make_tiny_internvl_pack.py).
 */
final class TinyInternVl {
  private TinyInternVl() {}

  /** The pack folder; skips the test when it is absent. */
  static Path folder() {
    URL url = TinyInternVl.class.getResource("/tiny-internvl/pack.json");
    assumeTrue(url != null, "tiny-internvl is absent (scripts/vision/make_tiny_internvl_pack.py)");
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
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
    Files.createDirectories(target);
    try (var files = Files.list(folder())) {
      for (Path f : files.toList()) {
        Files.copy(f, target.resolve(f.getFileName().toString()));
      }
    }
    return target;
  }
}
