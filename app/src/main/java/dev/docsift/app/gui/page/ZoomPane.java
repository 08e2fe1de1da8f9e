package dev.docsift.app.gui.page;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Bounds;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.transform.Scale;

/**
 * The scrolling, zooming surface a page is drawn on. It stacks the page image and its overlays in
 * one pane sized to the image, scales that pane by the zoom (Ctrl+scroll, the zoom buttons, or a
 * fit to the viewport), centres a page smaller than the viewport, and pans by dragging. It knows
 * nothing of documents: {@link PageViewer} gives it the layers and the page's size.
 */
final class ZoomPane {
  private static final double MIN_ZOOM = 0.1;
  private static final double MAX_ZOOM = 6;
  private static final double ZOOM_STEP = 1.25;

  private final ScrollPane scroll = new ScrollPane();
  private final Pane content = new Pane();
  private final Group zoomed = new Group(content);
  private final Scale scale = new Scale(1, 1, 0, 0);
  private final DoubleProperty zoom = new SimpleDoubleProperty(1);

  /**
   * Creates the pane.
   *
   * @param layers the page image and its overlays, bottom first, all in the image's pixels
   */
  ZoomPane(Node... layers) {
    content.getStyleClass().add("page");
    content.getChildren().addAll(layers);
    content.getTransforms().add(scale);
    scale.xProperty().bind(zoom);
    scale.yProperty().bind(zoom);

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
  }

  /** The pane. */
  ScrollPane view() {
    return scroll;
  }

  /** The zoom, 1 for 100 %. */
  DoubleProperty zoomProperty() {
    return zoom;
  }

  /** Zooms in a step. */
  void zoomIn() {
    setZoom(zoom.get() * ZOOM_STEP);
  }

  /** Zooms out a step. */
  void zoomOut() {
    setZoom(zoom.get() / ZOOM_STEP);
  }

  /**
   * Sizes the layers' pane to a page.
   *
   * @param width the page image's width in pixels
   * @param height its height
   */
  void setPageSize(double width, double height) {
    content.setPrefSize(width, height);
    content.setMinSize(width, height);
    content.setMaxSize(width, height);
  }

  /** Shows or hides the page (a message takes its place while hidden). */
  void setVisible(boolean visible) {
    scroll.setVisible(visible);
  }

  /** Lays the pane out now, so the viewport's size is known before a fit or a scroll. */
  void layout() {
    scroll.layout();
  }

  /**
   * Zooms so that a page fits the viewport, and scrolls to its top left.
   *
   * @param width the page image's width in pixels
   * @param height its height
   * @param wholePage true to fit the whole page, false to fit its width
   */
  void fit(double width, double height, boolean wholePage) {
    Bounds viewport = scroll.getViewportBounds();
    if (viewport.getWidth() <= 0) {
      return;
    }
    double margin = 32; // the backdrop's padding, and a little air
    double zx = (viewport.getWidth() - margin) / width;
    double zy = (viewport.getHeight() - margin) / height;
    setZoom(wholePage ? Math.min(zx, zy) : zx);
    scroll.setHvalue(0);
    scroll.setVvalue(0);
  }

  /**
   * Scrolls so that a node on the page sits in the middle of the viewport, as far as the page
   * allows.
   *
   * @param node a node in one of the layers
   */
  void scrollTo(Node node) {
    scroll.layout();
    Bounds viewport = scroll.getViewportBounds();
    Bounds all = scroll.getContent().getLayoutBounds();
    Bounds b = scroll.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal()));
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

  /**
   * Whether a node's centre lies inside the visible part of the page.
   *
   * @param node a node in one of the layers
   */
  boolean inView(Node node) {
    Bounds viewport = scroll.localToScene(scroll.getLayoutBounds());
    Bounds b = node.localToScene(node.getBoundsInLocal());
    return viewport.contains(b.getCenterX(), b.getCenterY());
  }

  private void setZoom(double z) {
    zoom.set(Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z)));
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
