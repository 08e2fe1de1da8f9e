package dev.docsift.app.gui;

import dev.docsift.app.gui.form.FieldsForm;
import dev.docsift.app.gui.form.JsonView;
import dev.docsift.app.gui.page.PageViewer;
import dev.docsift.app.gui.queue.QueueView;
import dev.docsift.app.gui.watch.WatchPanel;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The window's three panes side by side: the documents with the folder watch folded under them, the
 * page viewer, and the Fields and JSON tabs. The outer panes keep their width when the window is
 * resized, so the page gets the room. It only lays the parts out; {@link MainWindow} wires them.
 */
final class WindowPanes {
  private final TabPane tabs = new TabPane();
  private final SplitPane split;

  /**
   * Lays the parts out.
   *
   * @param queueView the queue's list
   * @param watch the folder watch panel
   * @param viewer the page viewer
   * @param form the form
   * @param json the raw JSON
   */
  WindowPanes(
      QueueView queueView, WatchPanel watch, PageViewer viewer, FieldsForm form, JsonView json) {
    Label documents = new Label("Documents");
    documents.getStyleClass().add("pane-title");
    TitledPane watchPane = new TitledPane("Watch a folder", watch.view());
    watchPane.setExpanded(false);
    watchPane.setId("watch-pane");
    watchPane.getStyleClass().add("watch-pane");
    VBox left = new VBox(documents, queueView.list(), watchPane);
    left.getStyleClass().add("left-pane");
    VBox.setVgrow(queueView.list(), Priority.ALWAYS);
    left.setMinWidth(260);

    Tab fields = new Tab("Fields", form.view());
    fields.setId("tab-fields");
    Tab raw = new Tab("JSON", json.view());
    raw.setId("tab-json");
    tabs.getTabs().addAll(fields, raw);
    raw.selectedProperty().addListener((o, was, now) -> json.setVisible(now));
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.setMinWidth(300);

    split = new SplitPane(left, viewer.view(), tabs);
    split.setDividerPositions(0.24, 0.69);
    SplitPane.setResizableWithParent(left, false);
    SplitPane.setResizableWithParent(tabs, false);
  }

  /** The panes. */
  SplitPane view() {
    return split;
  }

  /** Brings the Fields tab to the front. */
  void showFields() {
    tabs.getSelectionModel().select(0);
  }

  /**
   * What the queue shows while it is empty: where to drop documents, and a button to open some.
   *
   * @param open asks for documents and queues them
   * @return the placeholder
   */
  static Region queuePlaceholder(Runnable open) {
    Label big = new Label("Drop PDFs or images here");
    big.getStyleClass().add("placeholder-title");
    Label hint = new Label("PDF, PNG, JPEG and TIFF · a folder adds every such file in it");
    hint.getStyleClass().add("hint");
    hint.setWrapText(true);
    Button button = new Button("Open files…");
    button.setOnAction(e -> open.run());
    VBox box = new VBox(10, big, hint, button);
    box.setAlignment(Pos.CENTER);
    box.getStyleClass().add("queue-placeholder");
    return box;
  }
}
