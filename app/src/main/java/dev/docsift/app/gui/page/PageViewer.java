package dev.docsift.app.gui.page;

import dev.docsift.app.gui.FxImages;
import dev.docsift.app.gui.queue.DocumentItem;
import dev.docsift.app.pages.PageGeometry;
import dev.docsift.app.pages.PageImages;
import dev.docsift.app.pages.TileCells;
import dev.docsift.app.review.EditableResult;
import dev.docsift.app.review.FormLayout;
import dev.docsift.core.engine.EngineInfo;
import dev.docsift.core.intake.IntakeOptions;
import dev.docsift.core.model.BBox;
import dev.docsift.core.model.FieldValue;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.core.model.PageTiles;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.vision.TileGrid;
import dev.docsift.vision.TilingPolicy;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.transform.Scale;

/**
 * A document's pages with zoom and pan, and three overlays that switch on and off: the OCR words,
 * the slm engine's 448 × 448 tiles, and the boxes of the extracted values. Clicking a box selects
 * its value; selecting a value highlights its box and scrolls the page to it.
 *
 * <p>Pages render on {@link PageImages}' thread; this class only attaches the finished image.
 */
public final class PageViewer {
  private static final double MIN_ZOOM = 0.1;
  private static final double MAX_ZOOM = 6;
  private static final double ZOOM_STEP = 1.25;

  private final PageImages pages;
  private final Executor ui;
  private final BorderPane view = new BorderPane();
  private final ScrollPane scroll = new ScrollPane();
  private final Pane content = new Pane();
  private final Group zoomed = new Group(content);
  private final ImageView image = new ImageView();
  private final Path words = new Path();
  private final Group tiles = new Group();
  private final Group values = new Group();
  private final Scale scale = new Scale(1, 1, 0, 0);
  private final DoubleProperty zoom = new SimpleDoubleProperty(1);
  private final ToggleButton wordsToggle = new ToggleButton("Words");
  private final ToggleButton tilesToggle = new ToggleButton("Tiles");
  private final ToggleButton valuesToggle = new ToggleButton("Values");
  private final Label pageLabel = new Label();
  private final Label zoomLabel = new Label();
  private final Button previous = new Button("‹");
  private final Button next = new Button("›");
  private final Label message = new Label();
  private final ProgressIndicator spinner = new ProgressIndicator();
  private final StackPane stack;
  private final BooleanProperty loaded = new SimpleBooleanProperty();
  private Consumer<String> onValueClicked = p -> {};
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
    view.getStyleClass().add("page-viewer");
    content.getStyleClass().add("page");
    content.getChildren().addAll(image, words, tiles, values);
    content.getTransforms().add(scale);
    scale.xProperty().bind(zoom);
    scale.yProperty().bind(zoom);
    words.getStyleClass().add("word-box");
    words.setMouseTransparent(true);
    tiles.setMouseTransparent(true);
    words.visibleProperty().bind(wordsToggle.selectedProperty());
    tiles.visibleProperty().bind(tilesToggle.selectedProperty());
    values.visibleProperty().bind(valuesToggle.selectedProperty());
    valuesToggle.setSelected(true);
    wordsToggle.setId("toggle-words");
    tilesToggle.setId("toggle-tiles");
    valuesToggle.setId("toggle-values");
    wordsToggle.setTooltip(new Tooltip("Show every word OCR read"));
    tilesToggle.setTooltip(new Tooltip("Show the 448 × 448 tiles the model engine reads"));
    valuesToggle.setTooltip(new Tooltip("Show the boxes of the extracted values"));

    StackPane centred = new StackPane(zoomed);
    centred.getStyleClass().add("page-backdrop");
    // At least as big as the viewport, so a small page sits centred; no bigger, so no scroll bar
    // appears for a page that fits.
    scroll
        .viewportBoundsProperty()
        .addListener(
            (o, was, now) -> {
              centred.setMinWidth(now.getWidth());
              centred.setMinHeight(now.getHeight());
            });
    scroll.setContent(centred);
    scroll.setPannable(true);
    scroll.getStyleClass().add("page-scroll");
    scroll.setId("page-scroll");
    centred.setOnScroll(
        e -> {
          if (e.isControlDown() || e.isShortcutDown()) {
            setZoom(zoom.get() * (e.getDeltaY() > 0 ? ZOOM_STEP : 1 / ZOOM_STEP));
            e.consume();
          }
        });

    message.getStyleClass().add("page-message");
    message.setWrapText(true);
    spinner.setMaxSize(48, 48);
    spinner.setVisible(false);
    stack = new StackPane(scroll, message, spinner);
    view.setTop(toolbar());
    view.setCenter(stack);
    clear("Open a document to see its pages.");
  }

  private HBox toolbar() {
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
    zoomOut.setOnAction(e -> setZoom(zoom.get() / ZOOM_STEP));
    zoomIn.setOnAction(e -> setZoom(zoom.get() * ZOOM_STEP));
    fitWidth.setOnAction(e -> fit(false));
    fitPage.setOnAction(e -> fit(true));
    zoomLabel.textProperty().bind(zoom.multiply(100).asString(Locale.ROOT, "%.0f %%"));
    zoomLabel.getStyleClass().add("zoom-label");
    previous.setOnAction(e -> showPage(page - 1));
    next.setOnAction(e -> showPage(page + 1));
    previous.setId("page-previous");
    next.setId("page-next");
    pageLabel.setId("page-label");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar =
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
    return bar;
  }

  /** The viewer. */
  public Region view() {
    return view;
  }

  /** Called with a value's pointer when its box is clicked. */
  public void setOnValueClicked(Consumer<String> handler) {
    onValueClicked = handler;
  }

  /** Whether the OCR words are drawn. */
  public BooleanProperty wordsVisibleProperty() {
    return wordsToggle.selectedProperty();
  }

  /** Whether the tiles are drawn. */
  public BooleanProperty tilesVisibleProperty() {
    return tilesToggle.selectedProperty();
  }

  /** Whether the value boxes are drawn. */
  public BooleanProperty valuesVisibleProperty() {
    return valuesToggle.selectedProperty();
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
    return zoom;
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
    box(pointer).ifPresent(this::scrollTo);
  }

  /**
   * The box drawn for a value on the page shown.
   *
   * @param pointer the value's JSON Pointer
   * @return the box, in the page image's pixels
   */
  public Optional<Rectangle> box(String pointer) {
    if (pointer == null) {
      return Optional.empty();
    }
    return values.getChildren().stream()
        .filter(n -> n instanceof Rectangle && pointer.equals(n.getUserData()))
        .map(n -> (Rectangle) n)
        .findFirst();
  }

  /** The shown page image's size in pixels; zero before one is shown. */
  public double[] imageSize() {
    Image i = image.getImage();
    return i == null ? new double[] {0, 0} : new double[] {i.getWidth(), i.getHeight()};
  }

  /** How many words the words overlay draws. */
  public int wordCount() {
    return words.getElements().size() / 5;
  }

  /** How many tiles the tiles overlay draws. */
  public int tileCount() {
    return (int) tiles.getChildren().stream().filter(n -> n instanceof Rectangle).count();
  }

  private void showPage(int number) {
    EditableResult review = item == null ? null : item.review();
    if (review == null) {
      return;
    }
    int count = review.original().pages();
    page = Math.max(1, Math.min(count, number));
    pageLabel.setText("Page " + page + " of " + count);
    previous.setDisable(page <= 1);
    next.setDisable(page >= count);
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
    content.setPrefSize(img.getWidth(), img.getHeight());
    content.setMinSize(img.getWidth(), img.getHeight());
    content.setMaxSize(img.getWidth(), img.getHeight());
    drawWords(ocr);
    drawTiles(review, ocr, img);
    drawValues();
    scroll.setVisible(true);
    message.setVisible(false);
    loaded.set(true);
    if (fitPending) {
      fitPending = false;
      scroll.layout();
      fit(true);
    }
    if (selected != null) {
      box(selected).ifPresent(this::scrollTo);
    }
  }

  private void drawWords(Optional<OcrPage> ocr) {
    words.getElements().clear();
    if (ocr.isEmpty()) {
      return;
    }
    double sx = image.getImage().getWidth() / ocr.get().width();
    double sy = image.getImage().getHeight() / ocr.get().height();
    for (OcrWord w : ocr.get().words()) {
      double x0 = w.box().left() * sx;
      double y0 = w.box().top() * sy;
      double x1 = w.box().right() * sx;
      double y1 = w.box().bottom() * sy;
      words
          .getElements()
          .addAll(
              new MoveTo(x0, y0),
              new LineTo(x1, y0),
              new LineTo(x1, y1),
              new LineTo(x0, y1),
              new LineTo(x0, y0));
    }
  }

  private void drawTiles(EditableResult review, Optional<OcrPage> ocr, Image img) {
    tiles.getChildren().clear();
    ExtractionResult result = review.original();
    Optional<PageTiles> read =
        result.pageTiles().stream().filter(t -> t.page() == page).findFirst();
    TileGrid grid;
    if (read.isPresent()) {
      // What the slm engine really cut this page into, and which tiles it left out as blank.
      grid = new TileGrid(read.get().cols(), read.get().rows());
    } else if (result.engine().name().equals(EngineInfo.OCR.name())) {
      // The ocr engine reads no tiles: show how the reference model would cut the page, at the
      // pipeline's resolution (scale the shown page up to it).
      double toPipeline = (double) IntakeOptions.DEFAULT_DPI / PageImages.DISPLAY_DPI;
      int w = ocr.map(OcrPage::width).orElse((int) Math.round(img.getWidth() * toPipeline));
      int h = ocr.map(OcrPage::height).orElse((int) Math.round(img.getHeight() * toPipeline));
      grid = TileCells.grid(TilingPolicy.MISSISSIPPI_0_8B, w, h);
    } else {
      return; // a model engine that showed this page no image (a text pack, or no room left)
    }
    for (TileCells.Cell c : TileCells.cells(grid)) {
      int index = c.number(grid.cols()) - 1;
      boolean leftOut = read.isPresent() && !read.get().isEncoded(index);
      Rectangle r =
          new Rectangle(
              c.x0() * img.getWidth(),
              c.y0() * img.getHeight(),
              (c.x1() - c.x0()) * img.getWidth(),
              (c.y1() - c.y0()) * img.getHeight());
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

  /** How many of the drawn tiles the engine left out as blank. */
  public int leftOutTileCount() {
    return (int)
        tiles.getChildren().stream()
            .filter(n -> n.getStyleClass().contains("tile-left-out"))
            .count();
  }

  private void drawValues() {
    values.getChildren().clear();
    if (item == null || item.review() == null || image.getImage() == null) {
      return;
    }
    double w = image.getImage().getWidth();
    double h = image.getImage().getHeight();
    EditableResult review = item.review();
    Rectangle highlighted = null;
    for (FieldValue f : review.fields()) {
      if (f.page() != page) {
        continue;
      }
      BBox b = f.bbox();
      // A little air around the words, so the box does not hide their edges.
      double pad = 3;
      Rectangle r =
          new Rectangle(
              b.x0() * w - pad,
              b.y0() * h - pad,
              (b.x1() - b.x0()) * w + 2 * pad,
              (b.y1() - b.y0()) * h + 2 * pad);
      r.getStyleClass().add("value-box");
      if (review.edited(f.path())) {
        r.getStyleClass().add("edited");
      } else if (f.confidence() < EditableResult.LOW_CONFIDENCE) {
        r.getStyleClass().add("low");
      }
      r.setUserData(f.path());
      // Made on first hover: a tooltip is a popup window, too dear to make for every box.
      r.setOnMouseEntered(
          e -> {
            if (!(r.getProperties().get("tooltip") instanceof Tooltip)) {
              Tooltip t =
                  new Tooltip(
                      label(f.path())
                          + ": "
                          + review.text(f.path())
                          + String.format(Locale.ROOT, "  (%.0f %%)", f.confidence() * 100));
              r.getProperties().put("tooltip", t);
              Tooltip.install(r, t);
            }
          });
      r.setOnMouseClicked(
          e -> {
            if (e.isStillSincePress()) {
              onValueClicked.accept(f.path());
              e.consume();
            }
          });
      if (f.path().equals(selected)) {
        r.getStyleClass().add("selected");
        highlighted = r;
      }
      values.getChildren().add(r);
    }
    if (highlighted != null) {
      highlighted.toFront(); // boxes can share a word (a currency sign in the total)
    }
  }

  private static String label(String pointer) {
    String last = pointer.substring(pointer.lastIndexOf('/') + 1);
    return FormLayout.label(last);
  }

  private void scrollTo(Node box) {
    scroll.layout();
    Bounds viewport = scroll.getViewportBounds();
    Bounds all = scroll.getContent().getLayoutBounds();
    Bounds b = scroll.getContent().sceneToLocal(box.localToScene(box.getBoundsInLocal()));
    double extraW = all.getWidth() - viewport.getWidth();
    double extraH = all.getHeight() - viewport.getHeight();
    if (extraW > 0) {
      double x = b.getMinX() + b.getWidth() / 2 - viewport.getWidth() / 2;
      scroll.setHvalue(clamp(x / extraW));
    }
    if (extraH > 0) {
      double y = b.getMinY() + b.getHeight() / 2 - viewport.getHeight() / 2;
      scroll.setVvalue(clamp(y / extraH));
    }
  }

  /** Whether a value's box lies inside the visible part of the page. */
  public boolean inView(String pointer) {
    Optional<Rectangle> r = box(pointer);
    if (r.isEmpty()) {
      return false;
    }
    Bounds viewport = scroll.localToScene(scroll.getLayoutBounds());
    Bounds b = r.get().localToScene(r.get().getBoundsInLocal());
    return viewport.contains(b.getCenterX(), b.getCenterY());
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  private void setZoom(double z) {
    zoom.set(Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z)));
  }

  private void fit(boolean wholePage) {
    Image img = image.getImage();
    Bounds viewport = scroll.getViewportBounds();
    if (img == null || viewport.getWidth() <= 0) {
      return;
    }
    double margin = 32; // the backdrop's padding, and a little air
    double zx = (viewport.getWidth() - margin) / img.getWidth();
    double zy = (viewport.getHeight() - margin) / img.getHeight();
    setZoom(wholePage ? Math.min(zx, zy) : zx);
    scroll.setHvalue(0);
    scroll.setVvalue(0);
  }

  private void clear(String text) {
    request++;
    loaded.set(false);
    image.setImage(null);
    words.getElements().clear();
    tiles.getChildren().clear();
    values.getChildren().clear();
    spinner.setVisible(false);
    scroll.setVisible(false);
    message.setText(text == null ? "" : text);
    message.setVisible(true);
    pageLabel.setText("");
    previous.setDisable(true);
    next.setDisable(true);
  }

  private static Optional<OcrPage> ocrPage(EditableResult review, int number) {
    return review.original().ocrPages().stream().filter(p -> p.number() == number).findFirst();
  }
}
