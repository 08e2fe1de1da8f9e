package dev.docsift.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.docsift.errors.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs the tiny InternVL-shaped graph made by scripts/vision/make_tiny_vit.py and compares ONNX
 * Runtime's output with the PyTorch output committed next to it.
 */
class VisionEncoderTest {

  private static final VisionModelSpec TINY = new VisionModelSpec(448, 256, 64);
  private static final int TEST_TILES = 2;

  private static Path model() throws URISyntaxException {
    return Path.of(VisionEncoderTest.class.getResource("/tiny-vit/tiny_vit.onnx").toURI());
  }

  /** Same formula as test_input() in make_tiny_vit.py. */
  private static float[] testInput(int tiles) {
    float[] x = new float[tiles * 3 * 448 * 448];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (2.0 * Math.sin(i * 0.001 + 0.3));
    }
    return x;
  }

  private static float[] expected() throws IOException {
    try (InputStream in = VisionEncoderTest.class.getResourceAsStream("/tiny-vit/expected.bin")) {
      ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
      float[] values = new float[bytes.remaining() / 4];
      bytes.asFloatBuffer().get(values);
      return values;
    }
  }

  @Test
  void matchesPyTorch() throws Exception {
    try (VisionEncoder encoder = VisionEncoder.open(model(), TINY)) {
      ImageEmbeddings embeds = encoder.encode(testInput(TEST_TILES), TEST_TILES);
      assertEquals(TEST_TILES * 256, embeds.tokens());
      float[] expected = expected();
      assertEquals(expected.length, embeds.values().length);
      double max = 0;
      for (int i = 0; i < expected.length; i++) {
        max = Math.max(max, Math.abs(expected[i] - embeds.values()[i]));
      }
      System.out.printf("tiny ViT: ONNX Runtime vs PyTorch max abs error %.3g%n", max);
      assertTrue(max < 1e-4, "max abs error " + max);
    }
  }

  @Test
  void encodesTiledPage() throws Exception {
    TiledImage tiles = Tiler.mississippi().tile(SyntheticImages.pattern(300, 700));
    try (VisionEncoder encoder = VisionEncoder.open(model(), TINY)) {
      ImageEmbeddings embeds = encoder.encode(tiles);
      assertEquals(tiles.tileCount(), embeds.tiles());
      assertEquals(tiles.tileCount() * 256 * 64, embeds.values().length);
      // Tiles are independent: the first tile alone gives the same embeddings.
      ImageEmbeddings first = encoder.encode(tiles.tile(0), 1);
      float[] head = java.util.Arrays.copyOf(embeds.values(), 256 * 64);
      assertArrayEquals(first.values(), head, 1e-5f);
    }
  }

  @Test
  void rejectsWrongShapes() throws Exception {
    VisionEncoderException e =
        assertThrows(
            VisionEncoderException.class,
            () -> VisionEncoder.open(model(), VisionModelSpec.MISSISSIPPI_0_8B));
    assertEquals(ErrorCode.VISION_SHAPE, e.code());
    VisionEncoderException tile =
        assertThrows(
            VisionEncoderException.class,
            () -> VisionEncoder.open(model(), new VisionModelSpec(224, 256, 64)));
    assertEquals(ErrorCode.VISION_SHAPE, tile.code());
  }

  @Test
  void missingFileIsLoadError() {
    VisionEncoderException e =
        assertThrows(
            VisionEncoderException.class,
            () -> VisionEncoder.open(Path.of("does-not-exist.onnx"), TINY));
    assertEquals(ErrorCode.VISION_LOAD, e.code());
  }

  @Test
  void closeTwiceIsHarmlessAndUseAfterCloseThrows() throws Exception {
    VisionEncoder encoder = VisionEncoder.open(model(), TINY);
    encoder.close();
    encoder.close();
    assertThrows(IllegalStateException.class, () -> encoder.encode(testInput(1), 1));
  }

  @Test
  void wrongTileSizeRejected() throws Exception {
    try (VisionEncoder encoder = VisionEncoder.open(model(), TINY)) {
      TiledImage small =
          new Tiler(new TilingPolicy(224, 1, 1, false), PixelNormalization.IMAGENET)
              .tile(SyntheticImages.pattern(100, 100));
      assertThrows(IllegalArgumentException.class, () -> encoder.encode(small));
      assertThrows(IllegalArgumentException.class, () -> encoder.encode(new float[5], 1));
    }
  }

  @Test
  void batchesAndSubsetsGiveTheSameEmbeddingsAsOneRun() throws Exception {
    VisionModelSpec spec = TINY;
    float[] pixels = testInput(3);
    TiledImage tiles = new TiledImage(new TileGrid(3, 1), 448, false, pixels);
    ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
    try (VisionEncoder one = VisionEncoder.open(model(), spec);
        VisionEncoder batched =
            VisionEncoder.wrap(
                env.createSession(
                    model().toString(), new ai.onnxruntime.OrtSession.SessionOptions()),
                spec,
                1)) {
      float[] all = one.encode(tiles).values();
      assertArrayEquals(all, batched.encode(tiles).values(), 1e-5f);
      float[] subset = one.encode(tiles, new int[] {2, 0}).values();
      int n = 256 * 64;
      for (int i = 0; i < n; i++) {
        assertEquals(all[2 * n + i], subset[i], 1e-5f);
        assertEquals(all[i], subset[n + i], 1e-5f);
      }
    }
  }
}
