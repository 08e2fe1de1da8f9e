package dev.docsift.app.gui;

import dev.docsift.app.gui.queue.DocumentItem;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The line along the bottom of the window: on the left the last status message (what was queued,
 * read, saved or went wrong), on the right how many documents the queue holds and how many are
 * working, done and failed. The message gives way when the window is narrow; the counts keep their
 * width. Updated on the JavaFX thread only.
 */
final class StatusBar {
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final Label counts = new Label();
  private final HBox bar;

  /** Creates the bar, empty. */
  StatusBar() {
    Label text = new Label();
    text.setId("status");
    text.textProperty().bind(status);
    text.setMinWidth(0);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    counts.setId("counts");
    counts.setMinWidth(Region.USE_PREF_SIZE);
    bar = new HBox(8, text, spacer, counts);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("status-bar");
  }

  /** The bar. */
  HBox view() {
    return bar;
  }

  /** The status message. */
  ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /**
   * Shows a status message in place of the last.
   *
   * @param text the message
   */
  void setStatus(String text) {
    status.set(text);
  }

  /**
   * Shows the queue's counts: nothing for an empty queue.
   *
   * @param items the queue's documents
   */
  void showCounts(List<DocumentItem> items) {
    long working = items.stream().filter(i -> !i.state().ended()).count();
    long done = items.stream().filter(i -> i.state() == DocumentItem.State.DONE).count();
    long failed = items.stream().filter(i -> i.state() == DocumentItem.State.FAILED).count();
    int all = items.size();
    counts.setText(
        all == 0
            ? ""
            : all
                + (all == 1 ? " document" : " documents")
                + (working > 0 ? " · " + working + " working" : "")
                + " · "
                + done
                + " done"
                + (failed > 0 ? " · " + failed + " failed" : ""));
  }
}
