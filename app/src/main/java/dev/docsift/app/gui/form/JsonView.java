package dev.docsift.app.gui.form;

import dev.docsift.app.gui.queue.DocumentItem;
import dev.docsift.app.service.Exports;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The raw JSON tab: exactly what a JSON export of the document writes, corrections included. */
public final class JsonView {
  private final BorderPane view = new BorderPane();
  private final TextArea text = new TextArea();
  private final Label caption = new Label();
  private final Button copy = new Button("Copy JSON");
  private DocumentItem item;
  private boolean visible;
  private boolean stale = true;

  /** Creates the tab's content. */
  public JsonView() {
    text.setEditable(false);
    text.setWrapText(false);
    text.getStyleClass().add("raw-json");
    text.setId("raw-json");
    copy.setId("copy-json");
    copy.setOnAction(e -> copyToClipboard());
    caption.getStyleClass().add("bar-caption");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar = new HBox(8, caption, spacer, copy);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("json-bar");
    view.setTop(bar);
    view.setCenter(text);
    show(null);
  }

  /** The tab's content. */
  public Region view() {
    return view;
  }

  /** The JSON shown; brought up to date first. */
  public String text() {
    if (stale) {
      render();
    }
    return text.getText();
  }

  /**
   * Says whether the tab is shown: the JSON is written only while it is, so a document finishing or
   * a correction costs the JavaFX thread nothing for a tab nobody looks at.
   *
   * @param shown whether the tab is selected
   */
  public void setVisible(boolean shown) {
    visible = shown;
    if (visible && stale) {
      render();
    }
  }

  /**
   * Shows a document's envelope.
   *
   * @param newItem the document, or null
   */
  public void show(DocumentItem newItem) {
    item = newItem;
    refresh();
  }

  /** Shows the latest corrections (at once, or when the tab is next shown). */
  public void refresh() {
    stale = true;
    if (visible) {
      render();
    }
  }

  private void render() {
    stale = false;
    if (item == null || item.review() == null) {
      text.setText("");
      caption.setText("No result yet.");
      copy.setDisable(true);
      return;
    }
    text.setText(Exports.json(item.review().snapshot()));
    caption.setText(
        item.review().valid()
            ? "What a JSON export writes for " + item.name()
            : "Not exportable until its invalid values are fixed");
    copy.setDisable(false);
  }

  /** Puts the document's JSON on the clipboard. */
  public void copyToClipboard() {
    if (item != null && item.review() != null) {
      ClipboardContent content = new ClipboardContent();
      content.putString(Exports.json(item.review().snapshot()));
      Clipboard.getSystemClipboard().setContent(content);
    }
  }
}
