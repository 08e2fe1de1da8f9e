package dev.docsift.app.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.docsift.vision.TileGrid;
import dev.docsift.vision.TilingPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tiles overlay draws the engine's grid, scaled back onto the page. */
class TileCellsTest {
  private static final TilingPolicy POLICY = TilingPolicy.MISSISSIPPI_0_8B;

  @ParameterizedTest
  @CsvSource({
    "2480, 3507", // A4 portrait at 300 dpi
    "3507, 2480", // landscape
    "900, 2400", // a till receipt
    "448, 448",
    "5000, 600"
  })
  void cellsTileThePageExactlyRowByRow(int width, int height) {
    TileGrid grid = POLICY.chooseGrid(width, height);
    List<TileCells.Cell> cells = TileCells.cells(POLICY, width, height);

    assertThat(cells).hasSize(grid.tiles());
    double area = 0;
    for (int i = 0; i < cells.size(); i++) {
      TileCells.Cell c = cells.get(i);
      assertThat(c.number(grid.cols())).isEqualTo(i + 1);
      assertThat(c.x1() - c.x0()).isCloseTo(1.0 / grid.cols(), within(1e-12));
      assertThat(c.y1() - c.y0()).isCloseTo(1.0 / grid.rows(), within(1e-12));
      area += (c.x1() - c.x0()) * (c.y1() - c.y0());
    }
    assertThat(area).isCloseTo(1.0, within(1e-9));
    assertThat(cells.get(cells.size() - 1).x1()).isEqualTo(1.0);
    assertThat(cells.get(cells.size() - 1).y1()).isEqualTo(1.0);
  }

  @Test
  void theGridFollowsThePagesShape() {
    assertThat(TileCells.grid(POLICY, 900, 2400)).isEqualTo(new TileGrid(1, 3));
    assertThat(TileCells.grid(POLICY, 3507, 2480).cols()).isGreaterThan(1);
    assertThat(TileCells.grid(POLICY, 448, 448)).isEqualTo(new TileGrid(1, 1));
  }
}
