package dev.docsift.app.gui.queue;

import java.util.Locale;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The queue as a list: each document with its state, a progress bar with the page and stage, its
 * error in words with the code, and cancel / retry / remove.
 */
public final class QueueView {
  private final ListView<DocumentItem> list;

  /**
   * Creates the list.
   *
   * @param queue the queue's controller
   * @param placeholder what the list shows while empty
   */
  public QueueView(DocumentQueue queue, Region placeholder) {
    list = new ListView<>(queue.items());
    list.setId("queue");
    list.getStyleClass().add("queue");
    list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    list.setPlaceholder(placeholder);
    list.setCellFactory(v -> new Cell(queue));
  }

  /** The list. */
  public ListView<DocumentItem> list() {
    return list;
  }

  /** One row; bound to the item it shows, unbound when reused. */
  private static final class Cell extends ListCell<DocumentItem> {
    private final DocumentQueue queue;
    private final Label name = new Label();
    private final Label state = new Label();
    private final Label detail = new Label();
    private final Label error = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Button cancel = new Button("Cancel");
    private final Button retry = new Button("Retry");
    private final Button remove = new Button("Remove");
    private final VBox box;
    private final ChangeListener<DocumentItem.State> stateListener = (o, was, now) -> show(now);
    private DocumentItem bound;

    Cell(DocumentQueue queue) {
      this.queue = queue;
      name.getStyleClass().add("doc-name");
      state.getStyleClass().add("state-chip");
      detail.getStyleClass().add("doc-detail");
      error.getStyleClass().add("doc-error");
      error.setWrapText(true);
      error.setMinHeight(Region.USE_PREF_SIZE);
      progress.setMaxWidth(Double.MAX_VALUE);
      progress.getStyleClass().add("doc-progress");
      for (Button b : new Button[] {cancel, retry, remove}) {
        b.getStyleClass().add("row-button");
        b.setFocusTraversable(false);
      }
      cancel.getStyleClass().add("cancel");
      retry.getStyleClass().add("retry");
      remove.getStyleClass().add("remove");
      state.setMinWidth(Region.USE_PREF_SIZE);
      name.setMinWidth(0);
      // The buttons keep their labels; a long name gives way (its tooltip has the whole path).
      HBox actions = new HBox(4, cancel, retry, remove);
      actions.setAlignment(Pos.CENTER_RIGHT);
      actions.setMinWidth(Region.USE_PREF_SIZE);
      Region spacer = new Region();
      HBox.setHgrow(spacer, Priority.ALWAYS);
      HBox top = new HBox(8, state, name, spacer, actions);
      top.setAlignment(Pos.CENTER_LEFT);
      detail.setMinWidth(0);
      name.setOnMouseEntered(
          e -> {
            if (name.getTooltip() == null && bound != null) {
              name.setTooltip(new Tooltip(bound.file().toString()));
            }
          });
      box = new VBox(4, top, progress, detail, error);
      box.getStyleClass().add("doc-row");
      setPrefWidth(0); // wrap to the list's width instead of widening it
    }

    @Override
    protected void updateItem(DocumentItem item, boolean empty) {
      super.updateItem(item, empty);
      if (bound != null) {
        bound.stateProperty().removeListener(stateListener);
        bound = null;
      }
      name.textProperty().unbind();
      detail.textProperty().unbind();
      error.textProperty().unbind();
      progress.progressProperty().unbind();
      if (empty || item == null) {
        setGraphic(null);
        setText(null);
        return;
      }
      name.setText(item.name());
      name.setTooltip(null);
      detail.textProperty().bind(item.detailProperty());
      error.textProperty().bind(item.errorProperty());
      progress.progressProperty().bind(item.progressProperty());
      cancel.setOnAction(e -> queue.cancel(item));
      retry.setOnAction(e -> queue.retry(item));
      remove.setOnAction(e -> queue.remove(item));
      bound = item;
      item.stateProperty().addListener(stateListener);
      show(item.state());
      setGraphic(box);
    }

    private void show(DocumentItem.State s) {
      state.setText(s.label());
      state.getStyleClass().removeIf(c -> c.startsWith("state-") && !c.equals("state-chip"));
      state.getStyleClass().add("state-" + s.name().toLowerCase(Locale.ROOT));
      boolean running = !s.ended();
      cancel.setVisible(running);
      cancel.setManaged(running);
      cancel.setDisable(s == DocumentItem.State.CANCELLING);
      retry.setVisible(s.ended());
      retry.setManaged(s.ended());
      progress.setVisible(running);
      progress.setManaged(running);
      boolean failed = s == DocumentItem.State.FAILED;
      error.setVisible(failed);
      error.setManaged(failed);
    }
  }
}
