package dev.docsift.app.gui;

import static dev.docsift.app.gui.GuiHarness.await;
import static dev.docsift.app.gui.GuiHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.docsift.app.gui.queue.DocumentItem;
import dev.docsift.app.service.DocumentService;
import dev.docsift.app.service.JobHandle;
import dev.docsift.app.service.JobListener;
import dev.docsift.app.service.JobRequest;
import dev.docsift.app.service.PipelineDocumentService;
import dev.docsift.core.engine.EngineChoice;
import dev.docsift.core.model.PageTiles;
import dev.docsift.core.pipeline.PipelineConfig;
import dev.docsift.samples.SampleFiles;
import dev.docsift.samples.TextPages;
import dev.docsift.slm.decoder.ExecutionProvider;
import dev.docsift.slm.fixtures.TestFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A document read by the slm engine shows the tiles it really read, and those it left out. */
class GuiSlmTilesTest extends GuiHarness.OcrWindowTest {
  /** The tiny InternVL pack from core's test jar (see TestFixtures). */
  private static Path pack;

  @BeforeAll
  static void needsPack() {
    assumeThat(TestFixtures.present("tiny-internvl")).as("no tiny pack").isTrue();
    pack = TestFixtures.folder("tiny-internvl");
    assumeThat(Files.isRegularFile(pack.resolve("pack.json"))).as("no tiny pack").isTrue();
  }

  /** The real service, with every document sent to the tiny InternVL pack. */
  private static final class SlmService implements DocumentService {
    private final PipelineDocumentService delegate = new PipelineDocumentService(1);

    @Override
    public JobHandle submit(JobRequest request, JobListener listener) {
      PipelineConfig c = request.config();
      PipelineConfig slm =
          new PipelineConfig(
              c.intake(),
              c.ocr(),
              1,
              EngineChoice.Slm.of(pack.toString()).withProvider(ExecutionProvider.CPU));
      return delegate.submit(new JobRequest(request.file(), request.schema(), slm), listener);
    }

    @Override
    public void setWorkers(int workers) {
      delegate.setWorkers(workers);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  @Override
  GuiHarness open(Stage stage, Path configDir) {
    return GuiHarness.start(stage, configDir, new SlmService());
  }

  /** A tall page with lines of text at the given heights, in pixels of its 2,700. */
  private Path tallPage(String name, int... lines) throws Exception {
    Path png = dir.resolve(name);
    SampleFiles.writePng(
        TextPages.of(900, 2700, List.of("CORNER CAFE", "TOTAL         9.00"), lines), 300, png);
    return png;
  }

  @Test
  void theTilesOverlayShowsTheTilesTheEngineReadAndLeftOut() throws Exception {
    // Text at the top and the foot of a tall page, nothing between: the middle tile is blank.
    gui.drop(tallPage("blank-middle.png", 120, 300, 2500, 2620));
    await("a row", 10, () -> gui.window.queue().items().size() == 1);
    DocumentItem item = gui.item("blank-middle.png");
    assertThat(gui.awaitEnd(item, 120)).isEqualTo(DocumentItem.State.DONE);
    PageTiles read = fx(() -> item.review().original().pageTiles().getFirst());
    int gridTiles = read.cols() * read.rows();
    long leftOut =
        java.util.stream.IntStream.range(0, gridTiles).filter(i -> !read.isEncoded(i)).count();
    assertThat(leftOut).as("blank tiles of the grid").isPositive();

    gui.select(item);
    await("the page is shown", 30, () -> gui.window.viewer().loadedProperty().get());
    robot.clickOn("#toggle-tiles");
    assertThat(fx(() -> gui.window.viewer().tileCount())).isEqualTo(gridTiles);
    assertThat(fx(() -> gui.window.viewer().leftOutTileCount())).isEqualTo((int) leftOut);

    // Text at the top only: the engine read the words and their margin, one tile, drawn there.
    gui.drop(tallPage("top-heavy.png", 120, 300));
    await("a second row", 10, () -> gui.window.queue().items().size() == 2);
    DocumentItem top = gui.item("top-heavy.png");
    assertThat(gui.awaitEnd(top, 120)).isEqualTo(DocumentItem.State.DONE);
    gui.select(top);
    await(
        "the second page is shown",
        30,
        () -> gui.window.viewer().loadedProperty().get() && gui.window.viewer().tileCount() == 1);
    Bounds tile = fx(() -> gui.window.viewer().tileBounds().getFirst());
    assertThat(tile.getHeight())
        .as("a crop of the top, not the 1:3 page")
        .isLessThan(tile.getWidth());
  }
}
