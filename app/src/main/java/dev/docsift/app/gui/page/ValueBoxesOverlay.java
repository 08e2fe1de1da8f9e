package dev.docsift.app.gui.page;

import dev.docsift.app.review.EditableResult;
import dev.docsift.app.review.FormLayout;
import dev.docsift.core.model.BBox;
import dev.docsift.core.model.FieldValue;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Rectangle;

/**
 * The overlay that boxes each extracted value on the page shown: styled as edited, low in
 * confidence or selected, with a tooltip of its label, text and confidence, and a click that
 * reports the value's pointer. Each box is a {@link Rectangle} whose user data is that pointer, so
 * the viewer can find the box of a value.
 */
final class ValueBoxesOverlay {
  private final Group values = new Group();
  private Consumer<String> onClicked = p -> {};

  /** The overlay's node. */
  Node node() {
    return values;
  }

  /** Called with a value's pointer when its box is clicked. */
  void setOnClicked(Consumer<String> handler) {
    onClicked = handler;
  }

  /**
   * Boxes a page's values, replacing what was drawn.
   *
   * @param review the document's result with its corrections
   * @param page the page, from 1
   * @param selected the selected value's pointer, or null
   * @param width the page image's width in pixels
   * @param height its height
   */
  void draw(EditableResult review, int page, String selected, double width, double height) {
    values.getChildren().clear();
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
              b.x0() * width - pad,
              b.y0() * height - pad,
              (b.x1() - b.x0()) * width + 2 * pad,
              (b.y1() - b.y0()) * height + 2 * pad);
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
              onClicked.accept(f.path());
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

  /** Draws nothing. */
  void clear() {
    values.getChildren().clear();
  }

  /**
   * The box drawn for a value.
   *
   * @param pointer the value's JSON Pointer, or null
   * @return the box, in the page image's pixels
   */
  Optional<Rectangle> box(String pointer) {
    if (pointer == null) {
      return Optional.empty();
    }
    return values.getChildren().stream()
        .filter(n -> n instanceof Rectangle && pointer.equals(n.getUserData()))
        .map(n -> (Rectangle) n)
        .findFirst();
  }

  private static String label(String pointer) {
    String last = pointer.substring(pointer.lastIndexOf('/') + 1);
    return FormLayout.label(last);
  }
}
