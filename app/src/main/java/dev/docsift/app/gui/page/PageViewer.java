package dev.docsift.app.gui.page;

import dev.docsift.app.gui.FxImages;
import dev.docsift.app.gui.queue.DocumentItem;
import dev.docsift.app.pages.PageGeometry;
import dev.docsift.app.pages.PageImages;
import dev.docsift.app.review.EditableResult;
import dev.docsift.core.model.FieldValue;
import dev.docsift.core.model.OcrPage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;

/**
 * A document's pages with zoom and pan, and three overlays that switch on and off: the OCR words,
 * the slm engine's 448 × 448 tiles, and the boxes of the extracted values. Clicking a box selects
 * its value; selecting a value highlights its box and scrolls the page to it.
 *
 * <p>This class keeps which document and page are shown and turns pages; the {@link ZoomPane} zooms
 * and scrolls, the {@link PageToolbar} holds the controls, and {@link WordsOverlay}, {@link
 * TilesOverlay} and {@link ValueBoxesOverlay} draw the overlays.
 *
 * <p>Pages render on {@link PageImages}' thread; this class only attaches the finished image.
 */
public final class PageViewer {
  private final PageImages pages;
  private final Executor ui;
  private final BorderPane view = new BorderPane();
  private final ImageView image = new ImageView();
  private final WordsOverlay words = new WordsOverlay();
  private final TilesOverlay tiles = new TilesOverlay();
  private final ValueBoxesOverlay values = new ValueBoxesOverlay();
  private final ZoomPane zoomPane = new ZoomPane(image, words.node(), tiles.node(), values.node());
  private final PageToolbar toolbar;
  private final Label message = new Label();
  private final ProgressIndicator spinner = new ProgressIndicator();
  private final BooleanProperty loaded = new SimpleBooleanProperty();
  private DocumentItem item;
  private int page = 1;
  private int request;
  private String selected;
  private boolean fitPending;

  /**
   * Creates the viewer.
   *
   * @param pages renders pages in the background
   * @param ui the JavaFX thread's executor
   */
  public PageViewer(PageImages pages, Executor ui) {
    this.pages = pages;
    this.ui = ui;
    toolbar =
        new PageToolbar(
            zoomPane.zoomProperty(),
            new PageToolbar.Actions(
                zoomPane::zoomOut,
                zoomPane::zoomIn,
                () -> fit(false),
                () -> fit(true),
                () -> showPage(page - 1),
                () -> showPage(page + 1)));
    view.getStyleClass().add("page-viewer");
    words.node().visibleProperty().bind(toolbar.wordsProperty());
    tiles.node().visibleProperty().bind(toolbar.tilesProperty());
    values.node().visibleProperty().bind(toolbar.valuesProperty());

    message.getStyleClass().add("page-message");
    message.setWrapText(true);
    spinner.setMaxSize(48, 48);
    spinner.setVisible(false);
    StackPane stack = new StackPane(zoomPane.view(), message, spinner);
    view.setTop(toolbar.view());
    view.setCenter(stack);
    clear("Open a document to see its pages.");
  }

  /** The viewer. */
  public Region view() {
    return view;
  }

  /** Called with a value's pointer when its box is clicked. */
  public void setOnValueClicked(Consumer<String> handler) {
    values.setOnClicked(handler);
  }

  /** Whether the OCR words are drawn. */
  public BooleanProperty wordsVisibleProperty() {
    return toolbar.wordsProperty();
  }

  /** Whether the tiles are drawn. */
  public BooleanProperty tilesVisibleProperty() {
    return toolbar.tilesProperty();
  }

  /** Whether the value boxes are drawn. */
  public BooleanProperty valuesVisibleProperty() {
    return toolbar.valuesProperty();
  }

  /** True once the current page's image is shown. */
  public BooleanProperty loadedProperty() {
    return loaded;
  }

  /** The page shown, from 1. */
  public int page() {
    return page;
  }

  /** The zoom, 1 for 100 %. */
  public DoubleProperty zoomProperty() {
    return zoomPane.zoomProperty();
  }

  /**
   * Shows a document's first page (or, for one without a result, why there is nothing to show).
   *
   * @param newItem the document, or null
   */
  public void show(DocumentItem newItem) {
    item = newItem;
    selected = null;
    fitPending = true;
    if (item == null) {
      clear("Open a document to see its pages.");
    } else if (item.review() == null) {
      clear(
          switch (item.state()) {
            case FAILED -> item.errorProperty().get();
            case CANCELLED -> item.name() + " was cancelled: retry it to see its pages.";
            default -> item.name() + " is being read; its pages appear when it is done.";
          });
    } else {
      showPage(1);
    }
  }

  /** Redraws the value boxes (after a correction). */
  public void refresh() {
    if (item != null && item.review() != null && loaded.get()) {
      drawValues();
    }
  }

  /**
   * Highlights a value's box, turning to its page and scrolling to it.
   *
   * @param pointer the value's JSON Pointer, or null to clear
   */
  public void select(String pointer) {
    selected = pointer;
    if (item == null || item.review() == null) {
      return;
    }
    Optional<FieldValue> field = pointer == null ? Optional.empty() : item.review().field(pointer);
    // A value no page shows (the slm engine may write one) has no page to go to.
    if (field.isPresent() && field.get().located() && field.get().page() != page) {
      showPage(field.get().page()); // highlights and scrolls once the page is in
      return;
    }
    drawValues();
    box(pointer).ifPresent(zoomPane::scrollTo);
  }

  /**
   * The box drawn for a value on the page shown.
   *
   * @param pointer the value's JSON Pointer
   * @return the box, in the page image's pixels
   */
  public Optional<Rectangle> box(String pointer) {
    return values.box(pointer);
  }

  /** The shown page image's size in pixels; zero before one is shown. */
  public double[] imageSize() {
    Image i = image.getImage();
    return i == null ? new double[] {0, 0} : new double[] {i.getWidth(), i.getHeight()};
  }

  /** How many words the words overlay draws. */
  public int wordCount() {
    return words.count();
  }

  /** How many tiles the tiles overlay draws. */
  public int tileCount() {
    return tiles.count();
  }

  /** How many of the drawn tiles the engine left out as blank. */
  public int leftOutTileCount() {
    return tiles.leftOutCount();
  }

  /** The drawn tiles' boxes, in the page's display pixels. */
  public List<Bounds> tileBounds() {
    return tiles.bounds();
  }

  /** Whether a value's box lies inside the visible part of the page. */
  public boolean inView(String pointer) {
    return box(pointer).map(zoomPane::inView).orElse(false);
  }

  private void showPage(int number) {
    EditableResult review = item == null ? null : item.review();
    if (review == null) {
      return;
    }
    int count = review.original().pages();
    page = Math.max(1, Math.min(count, number));
    toolbar.showPage(page, count);
    Optional<OcrPage> ocr = ocrPage(review, page);
    PageGeometry geometry = ocr.map(PageGeometry::of).orElse(PageGeometry.UPRIGHT);
    int token = ++request;
    loaded.set(false);
    spinner.setVisible(true);
    message.setVisible(false);
    DocumentItem shown = item;
    pages
        .render(item.file(), page, geometry)
        .thenApply(FxImages::toFx) // converted on the render thread too
        .whenComplete(
            (img, failure) ->
                ui.execute(
                    () -> {
                      if (token != request || shown != item) {
                        return; // another page was asked for meanwhile
                      }
                      spinner.setVisible(false);
                      if (failure != null) {
                        clear(
                            failure.getCause() instanceof PageImages.RenderFailure r
                                ? r.getMessage()
                                : "This page cannot be shown: " + failure.getMessage());
                        return;
                      }
                      attach(img, review, ocr);
                    }));
  }

  private void attach(Image img, EditableResult review, Optional<OcrPage> ocr) {
    image.setImage(img);
    zoomPane.setPageSize(img.getWidth(), img.getHeight());
    words.draw(ocr, img.getWidth(), img.getHeight());
    tiles.draw(review.original(), page, ocr, img.getWidth(), img.getHeight());
    drawValues();
    zoomPane.setVisible(true);
    message.setVisible(false);
    loaded.set(true);
    if (fitPending) {
      fitPending = false;
      zoomPane.layout();
      fit(true);
    }
    if (selected != null) {
      box(selected).ifPresent(zoomPane::scrollTo);
    }
  }

  private void drawValues() {
    if (item == null || item.review() == null || image.getImage() == null) {
      values.clear();
      return;
    }
    Image img = image.getImage();
    values.draw(item.review(), page, selected, img.getWidth(), img.getHeight());
  }

  private void fit(boolean wholePage) {
    Image img = image.getImage();
    if (img != null) {
      zoomPane.fit(img.getWidth(), img.getHeight(), wholePage);
    }
  }

  private void clear(String text) {
    request++;
    loaded.set(false);
    image.setImage(null);
    words.clear();
    tiles.clear();
    values.clear();
    spinner.setVisible(false);
    zoomPane.setVisible(false);
    message.setText(text == null ? "" : text);
    message.setVisible(true);
    toolbar.clearPage();
  }

  private static Optional<OcrPage> ocrPage(EditableResult review, int number) {
    return review.original().ocrPages().stream().filter(p -> p.number() == number).findFirst();
  }
}
