package dev.docsift.app.gui.form;

import dev.docsift.app.gui.queue.DocumentItem;
import dev.docsift.app.review.EditableResult;
import dev.docsift.app.review.FormRow;
import dev.docsift.core.model.FieldValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The schema's fields beside the page: each value with its confidence, low-confidence values
 * marked, every value editable. An edit is checked against the schema when it is committed (Enter,
 * or leaving the field) and its violation shows under the field at once.
 */
public final class FieldsForm {
  private final VBox view = new VBox();
  private final Label title = new Label();
  private final Label subtitle = new Label();
  private final GridPane grid = new GridPane();
  private final VBox notes = new VBox(4);
  private final ScrollPane scroll = new ScrollPane();
  private final Map<String, FieldEditor> editors = new LinkedHashMap<>();
  private Consumer<String> onFieldSelected = p -> {};
  private Runnable onEdited = () -> {};
  private DocumentItem item;
  private String selected;

  /** Creates an empty form. */
  public FieldsForm() {
    view.getStyleClass().add("fields-form");
    title.getStyleClass().add("form-title");
    subtitle.getStyleClass().add("form-subtitle");
    subtitle.setWrapText(true);
    grid.getStyleClass().add("form-grid");
    grid.setHgap(8);
    grid.setVgap(4);
    ColumnConstraints label = new ColumnConstraints();
    label.setMinWidth(90);
    label.setPrefWidth(110);
    ColumnConstraints value = new ColumnConstraints();
    value.setHgrow(Priority.ALWAYS);
    value.setFillWidth(true);
    ColumnConstraints confidence = new ColumnConstraints();
    confidence.setMinWidth(56);
    confidence.setHalignment(HPos.RIGHT);
    grid.getColumnConstraints().addAll(label, value, confidence);
    notes.getStyleClass().add("form-notes");
    VBox body = new VBox(12, grid, notes);
    body.setPadding(new Insets(8, 12, 12, 12));
    scroll.setContent(body);
    scroll.setFitToWidth(true);
    scroll.getStyleClass().add("form-scroll");
    VBox header = new VBox(2, title, subtitle);
    header.getStyleClass().add("form-header");
    view.getChildren().addAll(header, scroll);
    VBox.setVgrow(scroll, Priority.ALWAYS);
    show(null);
  }

  /** The form. */
  public Region view() {
    return view;
  }

  /** Called with a value's pointer when its field is focused or clicked. */
  public void setOnFieldSelected(Consumer<String> handler) {
    onFieldSelected = handler;
  }

  /** Called after a correction was applied. */
  public void setOnEdited(Runnable handler) {
    onEdited = handler;
  }

  /**
   * The editor of a value.
   *
   * @param pointer the value's JSON Pointer
   * @return its text field
   */
  public Optional<TextField> field(String pointer) {
    return Optional.ofNullable(editors.get(pointer)).map(FieldEditor::field);
  }

  /**
   * The violation shown under a value.
   *
   * @param pointer the value's JSON Pointer
   * @return the sentence, empty when there is none
   */
  public String violation(String pointer) {
    FieldEditor e = editors.get(pointer);
    return e == null ? "" : e.violation.getText();
  }

  /**
   * Shows a document's values.
   *
   * @param newItem the document, or null
   */
  public void show(DocumentItem newItem) {
    item = newItem;
    selected = null;
    editors.clear();
    grid.getChildren().clear();
    notes.getChildren().clear();
    EditableResult review = item == null ? null : item.review();
    if (review == null) {
      title.setText(item == null ? "No document" : item.name());
      subtitle.setText(
          item == null
              ? "Drop PDFs or images on the window, or use Open."
              : item.state() == DocumentItem.State.FAILED
                  ? item.errorProperty().get()
                  : "The values appear when the document is read.");
      return;
    }
    title.setText(item.name());
    refreshSubtitle();
    int row = 0;
    for (FormRow r : review.rows()) {
      switch (r) {
        case FormRow.Heading h -> {
          Label heading = new Label(h.label());
          heading.getStyleClass().add(h.depth() == 0 ? "form-heading" : "form-subheading");
          heading.setPadding(new Insets(row == 0 ? 0 : 8, 0, 0, 12 * h.depth()));
          grid.add(heading, 0, row++, 3, 1);
        }
        case FormRow.Field f -> {
          FieldEditor editor = new FieldEditor(item, f);
          editors.put(f.pointer(), editor);
          grid.add(editor.label, 0, row);
          grid.add(editor.field, 1, row);
          grid.add(editor.confidence, 2, row++);
          grid.add(editor.violation, 1, row++, 2, 1);
          editor.refresh();
        }
      }
    }
    refreshNotes();
  }

  /**
   * Selects a value's field: highlights it, scrolls to it and focuses it.
   *
   * @param pointer the value's JSON Pointer
   */
  public void select(String pointer) {
    setSelected(pointer);
    FieldEditor e = editors.get(pointer);
    if (e != null) {
      scrollTo(e.field);
      e.field.requestFocus();
    }
  }

  private void setSelected(String pointer) {
    selected = pointer;
    editors.forEach(
        (p, e) -> {
          e.field.getStyleClass().remove("selected");
          e.label.getStyleClass().remove("selected");
          if (p.equals(pointer)) {
            e.field.getStyleClass().add("selected");
            e.label.getStyleClass().add("selected");
          }
        });
  }

  private void scrollTo(Region node) {
    scroll.layout();
    double contentH = scroll.getContent().getLayoutBounds().getHeight();
    double viewportH = scroll.getViewportBounds().getHeight();
    if (contentH <= viewportH) {
      return;
    }
    double y =
        scroll.getContent().sceneToLocal(node.localToScene(node.getLayoutBounds())).getMinY();
    scroll.setVvalue(Math.max(0, Math.min(1, (y - viewportH / 3) / (contentH - viewportH))));
  }

  private void refreshSubtitle() {
    EditableResult review = item.review();
    var r = review.original();
    String engine =
        r.engine().model() == null
            ? r.engine().name()
            : r.engine().name()
                + " · "
                + r.engine().model()
                + " · "
                + r.engine().executionProvider();
    subtitle.setText(
        review.schema().title()
            + " · "
            + engine
            + " · "
            + r.pages()
            + (r.pages() == 1 ? " page" : " pages")
            + (review.valid()
                ? ""
                : " · " + review.violationCount() + " invalid: it is not exported until fixed"));
    subtitle.getStyleClass().remove("invalid");
    if (!review.valid()) {
      subtitle.getStyleClass().add("invalid");
    }
  }

  private void refreshNotes() {
    notes.getChildren().clear();
    EditableResult review = item.review();
    List<String> lines = new ArrayList<>();
    lines.addAll(item.notices());
    lines.addAll(review.otherViolations());
    lines.addAll(review.warnings());
    if (lines.isEmpty()) {
      return;
    }
    Label caption = new Label("Notes");
    caption.getStyleClass().add("form-heading");
    notes.getChildren().add(caption);
    for (String line : lines) {
      Label l = new Label(line);
      l.setWrapText(true);
      l.getStyleClass().add("form-note");
      notes.getChildren().add(l);
    }
  }

  /** One value's row: label, text field, confidence and violation. */
  private final class FieldEditor {
    private final DocumentItem owner;
    private final FormRow.Field row;
    private final Label label;
    private final TextField field = new TextField();
    private final Label confidence = new Label();
    private final Label violation = new Label();
    private String hint = "";
    private Tooltip tooltip;

    FieldEditor(DocumentItem owner, FormRow.Field row) {
      this.owner = owner;
      this.row = row;
      this.label = new Label(row.label());
      label.getStyleClass().add("field-label");
      label.setPadding(new Insets(0, 0, 0, 12 * row.depth()));
      label.setMinWidth(Region.USE_PREF_SIZE);
      label.setOnMouseClicked(e -> field.requestFocus());
      field.getStyleClass().add("field-value");
      field.setUserData(row.pointer());
      field.setPromptText(row.spec().required() ? "required, not found" : "not found");
      confidence.getStyleClass().add("confidence");
      confidence.setAlignment(Pos.CENTER_RIGHT);
      violation.getStyleClass().add("violation");
      violation.setWrapText(true);
      violation.setManaged(false);
      violation.setVisible(false);
      field.setOnAction(e -> commit());
      // Tooltips are made on first hover: each is a popup window, too dear to make for every field
      // when a document arrives.
      confidence.setOnMouseEntered(
          e -> {
            if (tooltip == null) {
              tooltip = new Tooltip();
              Tooltip.install(confidence, tooltip);
            }
            tooltip.setText(hint);
          });
      field
          .focusedProperty()
          .addListener(
              (o, was, now) -> {
                if (now) {
                  setSelected(row.pointer());
                  onFieldSelected.accept(row.pointer());
                } else {
                  commit();
                }
              });
    }

    TextField field() {
      return field;
    }

    void commit() {
      // The owner, not the document shown now: leaving a field by picking another document
      // commits the edit to the document it was typed in.
      EditableResult review = owner.review();
      if (review == null || field.getText().strip().equals(review.text(row.pointer()))) {
        return;
      }
      review.edit(row, field.getText());
      owner.edited();
      if (owner != item) {
        return; // this editor is no longer on screen
      }
      // One edit can change what other fields violate (a required value, a sum): refresh them all.
      editors.values().forEach(FieldEditor::refresh);
      refreshSubtitle();
      refreshNotes();
      onEdited.run();
    }

    void refresh() {
      EditableResult review = owner.review();
      if (!field.isFocused() || !field.getText().strip().equals(review.text(row.pointer()))) {
        field.setText(review.text(row.pointer()));
      }
      Optional<FieldValue> f = review.field(row.pointer());
      field.getStyleClass().removeAll("low-confidence", "edited", "invalid");
      confidence.getStyleClass().removeAll("low", "edited");
      if (review.edited(row.pointer())) {
        confidence.setText("edited");
        confidence.getStyleClass().add("edited");
        field.getStyleClass().add("edited");
        hint = "Corrected by hand";
      } else if (f.isPresent()) {
        double c = f.get().confidence();
        confidence.setText(String.format(Locale.ROOT, "%.0f %%", c * 100));
        hint =
            f.get().located()
                ? "Read as \u201c" + f.get().source() + "\u201d on page " + f.get().page()
                : "Written by the model; no page shows it";
        if (c < EditableResult.LOW_CONFIDENCE) {
          confidence.getStyleClass().add("low");
          field.getStyleClass().add("low-confidence");
        }
      } else {
        confidence.setText("—");
        hint = "Not found on the page";
      }
      List<String> problems = review.violations(row);
      boolean bad = !problems.isEmpty();
      violation.setText(String.join("; ", problems));
      violation.setVisible(bad);
      violation.setManaged(bad);
      if (bad) {
        field.getStyleClass().add("invalid");
      }
      if (row.pointer().equals(selected) && !field.getStyleClass().contains("selected")) {
        field.getStyleClass().add("selected");
      }
    }
  }
}
