package dev.docsift.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the Java tiler with the independent Python reference (scripts/vision/make_golden.py,
 * which keeps InternVL's original grid choice code).
 */
class GoldenTest {

  /**
   * Max abs difference allowed on a normalised value. Both sides use the same filter; the residue
   * is float vs double arithmetic (~1e-6), so 1e-4 is already loose.
   */
  private static final double TOLERANCE = 1e-4;

  private static final JsonNode GOLDEN = load("/golden/tiling.json");

  /** H2OVL's multi-scale adaptive cropping, from the same reference (tiling_msac.json). */
  private static final JsonNode MSAC = load("/golden/tiling_msac.json");

  private static double maxError;

  private static JsonNode load(String resource) {
    try (InputStream in = GoldenTest.class.getResourceAsStream(resource)) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> grids() {
    List<Arguments> args = new ArrayList<>();
    for (JsonNode g : GOLDEN.get("grids")) {
      JsonNode p = g.get("policy");
      TilingPolicy policy =
          new TilingPolicy(
              p.get("tileSize").asInt(),
              p.get("minTiles").asInt(),
              p.get("maxTiles").asInt(),
              p.get("thumbnail").asBoolean());
      args.add(
          Arguments.of(
              policy,
              g.get("width").asInt(),
              g.get("height").asInt(),
              new TileGrid(g.get("cols").asInt(), g.get("rows").asInt()),
              g.get("tiles").asInt()));
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{1}x{2} {0} -> {3}")
  @MethodSource("grids")
  void gridMatchesReference(
      TilingPolicy policy, int width, int height, TileGrid expected, int tiles) {
    TileGrid grid = policy.chooseGrid(width, height);
    assertEquals(expected, grid);
    assertEquals(tiles, policy.outputTiles(grid));
  }

  static Stream<Arguments> msacGrids() {
    List<Arguments> args = new ArrayList<>();
    for (JsonNode g : MSAC.get("grids")) {
      args.add(
          Arguments.of(
              g.get("maxTiles").asInt(),
              g.get("width").asInt(),
              g.get("height").asInt(),
              grid(g.get("first")),
              grid(g.get("second")),
              g.get("tiles").asInt()));
    }
    return args.stream();
  }

  @ParameterizedTest(name = "msac 1..{0} {1}x{2} -> {3} then {4}")
  @MethodSource("msacGrids")
  void msacGridsMatchReference(
      int maxTiles, int width, int height, TileGrid first, TileGrid second, int tiles) {
    TilingPolicy policy = new TilingPolicy(448, 1, maxTiles, true, true);
    TileGrid chosen = policy.chooseGrid(width, height);
    assertEquals(first, chosen);
    assertEquals(second, policy.chooseSecondGrid(width, height, chosen));
    assertEquals(tiles, TilingPolicy.msacOutputTiles(first, second));
    assertTrue(tiles <= policy.maxOutputTiles(), tiles + " > " + policy.maxOutputTiles());
  }

  private static TileGrid grid(JsonNode colsRows) {
    return new TileGrid(colsRows.get(0).asInt(), colsRows.get(1).asInt());
  }

  static Stream<Arguments> pixelCases() {
    return pixelCases(GOLDEN);
  }

  private static Stream<Arguments> pixelCases(JsonNode golden) {
    List<Arguments> args = new ArrayList<>();
    for (JsonNode c : golden.get("pixels")) {
      args.add(Arguments.of(c.get("width").asInt(), c.get("height").asInt(), c));
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0}x{1}")
  @MethodSource("pixelCases")
  void pixelsMatchReference(int width, int height, JsonNode expected) {
    TiledImage tiled = Tiler.mississippi().tile(SyntheticImages.pattern(width, height));
    assertEquals(
        new TileGrid(expected.get("cols").asInt(), expected.get("rows").asInt()), tiled.grid());
    assertPixels(width, height, tiled, expected.get("tiles"));
  }

  static Stream<Arguments> msacPixelCases() {
    return pixelCases(MSAC);
  }

  @ParameterizedTest(name = "msac {0}x{1}")
  @MethodSource("msacPixelCases")
  void msacPixelsMatchReference(int width, int height, JsonNode expected) {
    Tiler tiler = new Tiler(new TilingPolicy(448, 1, 6, true, true), PixelNormalization.IMAGENET);
    TiledImage tiled = tiler.tile(SyntheticImages.pattern(width, height));
    assertEquals(grid(expected.get("first")), tiled.grid());
    assertEquals(grid(expected.get("second")), tiled.secondGrid());
    assertPixels(width, height, tiled, expected.get("tiles"));
  }

  private static void assertPixels(int width, int height, TiledImage tiled, JsonNode tiles) {
    assertEquals(tiles.size(), tiled.tileCount());
    int s = tiled.tileSize();
    double caseMax = 0;
    for (int t = 0; t < tiled.tileCount(); t++) {
      float[] tile = tiled.tile(t);
      JsonNode e = tiles.get(t);
      for (int c = 0; c < 3; c++) {
        double sum = 0;
        double sumSq = 0;
        for (int i = c * s * s; i < (c + 1) * s * s; i++) {
          sum += tile[i];
          sumSq += (double) tile[i] * tile[i];
        }
        double mean = sum / (s * s);
        double std = Math.sqrt(Math.max(0, sumSq / (s * s) - mean * mean));
        caseMax = Math.max(caseMax, Math.abs(mean - e.get("mean").get(c).asDouble()));
        caseMax = Math.max(caseMax, Math.abs(std - e.get("std").get(c).asDouble()));
      }
      JsonNode samples = e.get("samples");
      for (int k = 0; k < samples.size(); k++) {
        // Same positions as sample_positions() in make_golden.py.
        int c = k % 3;
        int y = (k * 97 + 13) % s;
        int x = (k * 181 + 7) % s;
        double actual = tile[(c * s + y) * s + x];
        caseMax = Math.max(caseMax, Math.abs(actual - samples.get(k).asDouble()));
      }
    }
    synchronized (GoldenTest.class) {
      maxError = Math.max(maxError, caseMax);
    }
    assertTrue(caseMax <= TOLERANCE, width + "x" + height + ": max abs error " + caseMax);
  }

  @AfterAll
  static void report() {
    System.out.printf("golden pixels: max abs error after normalisation %.3g%n", maxError);
  }
}
