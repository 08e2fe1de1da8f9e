package dev.docsift.app.gui.page;

import java.util.Locale;
import javafx.beans.binding.DoubleExpression;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The bar above the page: toggles for the words, tiles and value boxes overlays (the value boxes on
 * at first), the zoom buttons with the zoom in per cent, the fit buttons, and the page turner with
 * "Page n of m". It holds no state of its own beyond its controls; what the buttons do is given as
 * {@link Actions}.
 */
final class PageToolbar {
  /**
   * What the buttons do.
   *
   * @param zoomOut zooms out a step
   * @param zoomIn zooms in a step
   * @param fitWidth fits the page's width
   * @param fitPage fits the whole page
   * @param previous turns to the previous page
   * @param next turns to the next page
   */
  record Actions(
      Runnable zoomOut,
      Runnable zoomIn,
      Runnable fitWidth,
      Runnable fitPage,
      Runnable previous,
      Runnable next) {}

  private final ToggleButton wordsToggle = new ToggleButton("Words");
  private final ToggleButton tilesToggle = new ToggleButton("Tiles");
  private final ToggleButton valuesToggle = new ToggleButton("Values");
  private final Label pageLabel = new Label();
  private final Label zoomLabel = new Label();
  private final Button previous = new Button("‹");
  private final Button next = new Button("›");
  private final HBox bar;

  /**
   * Creates the bar.
   *
   * @param zoom the zoom, 1 for 100 %, to show
   * @param actions what the buttons do
   */
  PageToolbar(DoubleExpression zoom, Actions actions) {
    valuesToggle.setSelected(true);
    wordsToggle.setId("toggle-words");
    tilesToggle.setId("toggle-tiles");
    valuesToggle.setId("toggle-values");
    wordsToggle.setTooltip(new Tooltip("Show every word OCR read"));
    tilesToggle.setTooltip(new Tooltip("Show the 448 × 448 tiles the model engine reads"));
    valuesToggle.setTooltip(new Tooltip("Show the boxes of the extracted values"));

    Button zoomOut = new Button("−");
    Button zoomIn = new Button("+");
    Button fitWidth = new Button("Width");
    Button fitPage = new Button("Fit");
    fitWidth.setTooltip(new Tooltip("Fit the page's width"));
    fitPage.setTooltip(new Tooltip("Fit the whole page"));
    zoomOut.setTooltip(new Tooltip("Zoom out (Ctrl+scroll)"));
    zoomIn.setTooltip(new Tooltip("Zoom in (Ctrl+scroll)"));
    zoomOut.setId("zoom-out");
    zoomIn.setId("zoom-in");
    zoomOut.setOnAction(e -> actions.zoomOut().run());
    zoomIn.setOnAction(e -> actions.zoomIn().run());
    fitWidth.setOnAction(e -> actions.fitWidth().run());
    fitPage.setOnAction(e -> actions.fitPage().run());
    zoomLabel.textProperty().bind(zoom.multiply(100).asString(Locale.ROOT, "%.0f %%"));
    zoomLabel.getStyleClass().add("zoom-label");
    previous.setOnAction(e -> actions.previous().run());
    next.setOnAction(e -> actions.next().run());
    previous.setId("page-previous");
    next.setId("page-next");
    pageLabel.setId("page-label");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    bar =
        new HBox(
            6,
            wordsToggle,
            tilesToggle,
            valuesToggle,
            spacer,
            zoomOut,
            zoomLabel,
            zoomIn,
            fitWidth,
            fitPage,
            previous,
            pageLabel,
            next);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("viewer-bar");
    // Buttons keep their labels; the spacer gives way first when the pane is narrow.
    bar.getChildren().stream()
        .filter(n -> n instanceof Region && n != spacer)
        .forEach(n -> ((Region) n).setMinWidth(Region.USE_PREF_SIZE));
  }

  /** The bar. */
  HBox view() {
    return bar;
  }

  /** Whether the words overlay is switched on. */
  BooleanProperty wordsProperty() {
    return wordsToggle.selectedProperty();
  }

  /** Whether the tiles overlay is switched on. */
  BooleanProperty tilesProperty() {
    return tilesToggle.selectedProperty();
  }

  /** Whether the value boxes overlay is switched on. */
  BooleanProperty valuesProperty() {
    return valuesToggle.selectedProperty();
  }

  /**
   * Shows which page is shown, and turns the page buttons off at either end.
   *
   * @param page the page, from 1
   * @param count how many pages the document has
   */
  void showPage(int page, int count) {
    pageLabel.setText("Page " + page + " of " + count);
    previous.setDisable(page <= 1);
    next.setDisable(page >= count);
  }

  /** Shows no page, with both page buttons off. */
  void clearPage() {
    pageLabel.setText("");
    previous.setDisable(true);
    next.setDisable(true);
  }
}
