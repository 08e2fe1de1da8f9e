package dev.docsift.app.gui.page;

import dev.docsift.app.pages.PageImages;
import dev.docsift.app.pages.TileCells;
import dev.docsift.core.engine.EngineInfo;
import dev.docsift.core.intake.IntakeOptions;
import dev.docsift.core.model.BBox;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.PageTiles;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.vision.TileGrid;
import dev.docsift.vision.TilingPolicy;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * The overlay that draws the 448 × 448 tiles a model engine reads on the page shown, each labelled
 * with its number. For a page the slm engine read it shows the grid the engine really cut, marking
 * the tiles it left out as blank, over the part of the page it cut them from when it left out the
 * paper around the words; for the ocr engine, which reads no tiles, it shows how the reference
 * model would cut the page. It takes no clicks.
 */
final class TilesOverlay {
  private final Group tiles = new Group();

  /** Creates the empty overlay. */
  TilesOverlay() {
    tiles.setMouseTransparent(true);
  }

  /** The overlay's node. */
  Node node() {
    return tiles;
  }

  /**
   * Draws a page's tiles, replacing what was drawn.
   *
   * @param result the document's result
   * @param page the page, from 1
   * @param ocr the page's OCR, if any
   * @param width the page image's width in pixels
   * @param height its height
   */
  void draw(ExtractionResult result, int page, Optional<OcrPage> ocr, double width, double height) {
    tiles.getChildren().clear();
    Optional<PageTiles> read =
        result.pageTiles().stream().filter(t -> t.page() == page).findFirst();
    TileGrid grid;
    // The part of the page the grid covers: the whole page, or the words when the engine cut the
    // paper around them away.
    BBox region = read.map(PageTiles::region).orElse(BBox.WHOLE_PAGE);
    double left = region.x0() * width;
    double top = region.y0() * height;
    double regionW = (region.x1() - region.x0()) * width;
    double regionH = (region.y1() - region.y0()) * height;
    if (read.isPresent()) {
      // What the slm engine really cut this page into, and which tiles it left out as blank.
      grid = new TileGrid(read.get().cols(), read.get().rows());
    } else if (result.engine().name().equals(EngineInfo.OCR.name())) {
      // The ocr engine reads no tiles: show how the reference model would cut the page, at the
      // pipeline's resolution (scale the shown page up to it).
      double toPipeline = (double) IntakeOptions.DEFAULT_DPI / PageImages.DISPLAY_DPI;
      int w = ocr.map(OcrPage::width).orElse((int) Math.round(width * toPipeline));
      int h = ocr.map(OcrPage::height).orElse((int) Math.round(height * toPipeline));
      grid = TileCells.grid(TilingPolicy.MISSISSIPPI_0_8B, w, h);
    } else {
      return; // a model engine that showed this page no image (a text pack, or no room left)
    }
    for (TileCells.Cell c : TileCells.cells(grid)) {
      int index = c.number(grid.cols()) - 1;
      boolean leftOut = read.isPresent() && !read.get().isEncoded(index);
      Rectangle r =
          new Rectangle(
              left + c.x0() * regionW,
              top + c.y0() * regionH,
              (c.x1() - c.x0()) * regionW,
              (c.y1() - c.y0()) * regionH);
      r.getStyleClass().add(leftOut ? "tile-left-out" : "tile-box");
      Text label =
          new Text(
              r.getX() + 6,
              r.getY() + 18,
              "tile " + (index + 1) + (leftOut ? " · blank, not read" : ""));
      label.getStyleClass().add("tile-label");
      tiles.getChildren().addAll(r, label);
    }
  }

  /** Draws nothing. */
  void clear() {
    tiles.getChildren().clear();
  }

  /** How many tiles are drawn. */
  int count() {
    return (int) tiles.getChildren().stream().filter(n -> n instanceof Rectangle).count();
  }

  /** The drawn tiles' boxes. */
  List<Bounds> bounds() {
    return tiles.getChildren().stream()
        .filter(n -> n instanceof Rectangle)
        .map(Node::getBoundsInParent)
        .toList();
  }

  /** How many of the drawn tiles the engine left out as blank. */
  int leftOutCount() {
    return (int)
        tiles.getChildren().stream()
            .filter(n -> n.getStyleClass().contains("tile-left-out"))
            .count();
  }
}
