package dev.docsift.core.slm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.core.engine.EngineChoice;
import dev.docsift.core.model.BBox;
import dev.docsift.core.model.PageTiles;
import dev.docsift.slm.decoder.ExecutionProvider;
import dev.docsift.slm.fixtures.TestFixtures;
import dev.docsift.slm.prompt.VisionPrompt;
import dev.docsift.vision.ImageEmbeddings;
import dev.docsift.vision.PixelNormalization;
import dev.docsift.vision.TiledImage;
import dev.docsift.vision.Tiler;
import dev.docsift.vision.TilingPolicy;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the engine budgets and reports a pack with multi-scale adaptive cropping (image.msac). */
class MsacTilingTest {

  private static final TilingPolicy MSAC = new TilingPolicy(448, 1, 6, true, true);

  @Test
  void fullMsacWhenItsWorstCaseFits() {
    List<String> warnings = new ArrayList<>();
    TileBudget b = TileBudget.of(MSAC, 13 * 256, 256, 1, warnings);
    assertThat(b.policy()).isEqualTo(MSAC);
    assertThat(warnings).isEmpty();
  }

  @Test
  void fallsBackToOneGridCappedAtThePacksMaximum() {
    List<String> warnings = new ArrayList<>();
    TileBudget b = TileBudget.of(MSAC, 12 * 256, 256, 1, warnings);
    assertThat(b.policy()).isEqualTo(new TilingPolicy(448, 1, 6, true));
    assertThat(warnings).singleElement().asString().contains("at most 7 tiles each (not 13)");
    TileBudget small = TileBudget.of(MSAC, 4 * 256, 256, 1, new ArrayList<>());
    assertThat(small.policy()).isEqualTo(new TilingPolicy(448, 1, 3, true));
  }

  @Test
  void reviewShowsTheFirstGridOfAnMsacPage() {
    Tiler tiler = new Tiler(MSAC, PixelNormalization.IMAGENET);
    TiledImage a4 = tiler.tile(new BufferedImage(2480, 3508, BufferedImage.TYPE_INT_RGB));
    // 3x2 second grid (tiles 0-5), 2x3 first grid (6-11), thumbnail (12).
    PageTiles shown = TiledPage.shown(1, a4, new int[] {0, 5, 6, 11, 12}, BBox.WHOLE_PAGE);
    assertThat(shown.cols()).isEqualTo(2);
    assertThat(shown.rows()).isEqualTo(3);
    assertThat(shown.thumbnail()).isTrue();
    assertThat(shown.encoded()).containsExactly(0, 5, 6);
    TiledImage square = tiler.tile(new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB));
    PageTiles whole = TiledPage.shown(1, square, new int[] {0, 4}, BBox.WHOLE_PAGE);
    assertThat(whole.tileCount()).isEqualTo(1);
    assertThat(whole.encoded()).containsExactly(0);
  }

  /**
   * The converted tiny pack with image.msac set, as convert_internvl.py writes it for a checkpoint
   * with use_msac (its graphs are byte for byte those of tiny-internvl-converted): the engine tiles
   * an A4-shaped page into 13 tiles and the prompt holds 13 tiles' worth of image tokens.
   */
  @Test
  void anMsacPackTilesTwiceAndItsPromptFollowsTheTileCount(@TempDir Path dir) throws Exception {
    TinyInternVl.folder(TinyInternVl.CONVERTED);
    Path pack = TestFixtures.copy(TinyInternVl.CONVERTED, dir.resolve("pack"));
    ObjectMapper json = new ObjectMapper();
    ObjectNode manifest = (ObjectNode) json.readTree(Files.readString(pack.resolve("pack.json")));
    ((ObjectNode) manifest.get("image")).put("msac", true);
    Files.writeString(pack.resolve("pack.json"), json.writeValueAsString(manifest));
    EngineChoice.Slm choice =
        EngineChoice.Slm.of(pack.toString()).withProvider(ExecutionProvider.CPU);
    try (SlmEngine engine = SlmEngine.open(choice)) {
      assertThat(engine.tiler().policy()).isEqualTo(MSAC);
      TiledImage page =
          engine.tiler().tile(new BufferedImage(620, 877, BufferedImage.TYPE_INT_RGB));
      assertThat(page.tileCount()).isEqualTo(13);
      ImageEmbeddings visual = engine.encoder().encode(page);
      int perTile = engine.encoder().spec().tokensPerTile();
      assertThat(visual.tokens()).isEqualTo(13 * perTile);
      VisionPrompt prompt =
          engine.prompts().build(List.of(visual.tokens()), "Read the page.", null, 4096);
      assertThat(prompt.imageTokens()).isEqualTo(13 * perTile);
    }
  }
}
