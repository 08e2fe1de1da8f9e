package dev.docsift.app.gui.page;

import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;

/**
 * The overlay that outlines every word OCR read on the page shown. All the outlines are one {@link
 * Path} of five elements a word, not a node each, since a dense page has thousands of words; it
 * takes no clicks, so the value boxes under the pointer still do.
 */
final class WordsOverlay {
  private final Path words = new Path();

  /** Creates the empty overlay. */
  WordsOverlay() {
    words.getStyleClass().add("word-box");
    words.setMouseTransparent(true);
  }

  /** The overlay's node. */
  Node node() {
    return words;
  }

  /**
   * Outlines a page's words, replacing what was drawn.
   *
   * @param ocr the page's OCR, or empty to draw nothing
   * @param width the page image's width in pixels
   * @param height its height
   */
  void draw(Optional<OcrPage> ocr, double width, double height) {
    words.getElements().clear();
    if (ocr.isEmpty()) {
      return;
    }
    double sx = width / ocr.get().width();
    double sy = height / ocr.get().height();
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

  /** Draws nothing. */
  void clear() {
    words.getElements().clear();
  }

  /** How many words are outlined. */
  int count() {
    return words.getElements().size() / 5;
  }
}
