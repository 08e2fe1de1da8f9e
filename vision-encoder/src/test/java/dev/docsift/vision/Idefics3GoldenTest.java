package dev.docsift.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares {@link Idefics3Preprocessor} with transformers.js's {@code Idefics3ImageProcessor}
 * (scripts/vision/idefics3_goldens.mjs), SmolVLM-256M's settings, on nine pages: sizes, split,
 * mask, per-tile statistics and 128 sampled values per tile and channel.
 *
 * <p>With {@code -Didefics3.full=DIR} (the goldens script's FULL_DIR) every value is compared too.
 */
class Idefics3GoldenTest {

  /**
   * Max abs difference on a normalised value (range -1..1; one 8-bit level is 2/255 = 0.0078). The
   * output is bit for bit transformers.js's (checked with {@code -Didefics3.full}: max abs 0 on all
   * nine pages); the goldens round to 1e-6, so half of that is the most a value may be off.
   */
  private static final double TOLERANCE = 5e-7 + 1e-9;

  private static final JsonNode GOLDEN = load();
  private static double maxError;

  private static JsonNode load() {
    try (InputStream in =
        new GZIPInputStream(
            Idefics3GoldenTest.class.getResourceAsStream("/idefics3/preprocessing.json.gz"))) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> images() {
    List<Arguments> args = new ArrayList<>();
    for (JsonNode image : GOLDEN.get("images")) {
      args.add(Arguments.of(image.get("name").asText(), image));
    }
    return args.stream();
  }

  private static BufferedImage source(JsonNode spec) throws IOException {
    if (spec.has("file")) {
      try (InputStream in =
          Idefics3GoldenTest.class.getResourceAsStream("/idefics3/" + spec.get("file").asText())) {
        return ImageIO.read(in);
      }
    }
    return SyntheticImages.pattern(
        spec.get("pattern").get(0).asInt(), spec.get("pattern").get(1).asInt());
  }

  private static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void matchesTransformersJs(String name, JsonNode golden) throws IOException {
    Idefics3Tiles tiles =
        new Idefics3Preprocessor(Idefics3Policy.SMOLVLM_256M).preprocess(source(golden));

    JsonNode resized = golden.get("resized_size"); // [height, width]
    assertEquals(new ImageSize(resized.get(1).asInt(), resized.get(0).asInt()), tiles.resized());
    assertEquals(golden.get("rows").asInt(), tiles.rows(), "rows");
    assertEquals(golden.get("cols").asInt(), tiles.cols(), "cols");
    assertArrayEquals(longs(golden.get("pixel_values_dims")), tiles.shape());
    assertArrayEquals(longs(golden.get("pixel_attention_mask_dims")), tiles.maskShape());
    int trueCount = 0;
    for (boolean b : tiles.pixelAttentionMask()) {
      trueCount += b ? 1 : 0;
    }
    assertEquals(golden.get("pixel_attention_mask_true").asInt(), trueCount);

    JsonNode positions = GOLDEN.get("positions");
    int plane = tiles.tileSize() * tiles.tileSize();
    JsonNode goldenTiles = golden.get("tiles");
    for (int t = 0; t < tiles.tileCount(); t++) {
      float[] tile = tiles.tile(t);
      JsonNode g = goldenTiles.get(t);
      for (int c = 0; c < 3; c++) {
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < plane; i++) {
          double v = tile[c * plane + i];
          sum += v;
          sum2 += v * v;
        }
        double mean = sum / plane;
        double std = Math.sqrt(Math.max(0, sum2 / plane - mean * mean));
        check(g.get("mean").get(c).asDouble(), mean, name + " tile " + t + " mean c" + c);
        check(g.get("std").get(c).asDouble(), std, name + " tile " + t + " std c" + c);
        JsonNode samples = g.get("samples").get(c);
        for (int k = 0; k < positions.size(); k++) {
          check(
              samples.get(k).asDouble(),
              tile[c * plane + positions.get(k).asInt()],
              name + " tile " + t + " c" + c + " at " + positions.get(k).asInt());
        }
      }
    }
    String full = System.getProperty("idefics3.full");
    if (full != null) {
      ByteBuffer bytes =
          ByteBuffer.wrap(Files.readAllBytes(Path.of(full, name + ".f32")))
              .order(ByteOrder.LITTLE_ENDIAN);
      float[] px = tiles.pixels();
      assertEquals(px.length * 4, bytes.capacity());
      double worst = 0;
      for (int i = 0; i < px.length; i++) {
        worst = Math.max(worst, Math.abs(px[i] - bytes.getFloat(i * 4)));
      }
      System.out.println("idefics3 full comparison " + name + ": max abs " + worst);
      check(0, worst, name + " full");
    }
  }

  private static void check(double expected, double actual, String what) {
    double err = Math.abs(expected - actual);
    maxError = Math.max(maxError, err);
    assertTrue(err <= TOLERANCE, what + ": expected " + expected + ", got " + actual);
  }

  @AfterAll
  static void report() {
    System.out.println("Idefics3GoldenTest max abs error " + maxError);
  }
}
