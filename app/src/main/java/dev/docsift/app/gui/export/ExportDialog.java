package dev.docsift.app.gui.export;

import dev.docsift.app.gui.Dialogs;
import dev.docsift.core.export.ExportFormat;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Asks what to export, in which format and where. */
public final class ExportDialog extends Dialog<ExportRequest> {
  /**
   * Builds the dialog.
   *
   * @param owner the window
   * @param dialogs for the folder chooser
   * @param selected how many documents are selected and done
   * @param all how many documents are done
   * @param last the previous answer, or null
   */
  public ExportDialog(Window owner, Dialogs dialogs, int selected, int all, ExportRequest last) {
    initOwner(owner);
    setTitle("Export");
    setHeaderText("Export results");
    ToggleGroup scope = new ToggleGroup();
    RadioButton selectedOnly = new RadioButton("Selected documents (" + selected + ")");
    RadioButton everything = new RadioButton("All documents that are done (" + all + ")");
    selectedOnly.setToggleGroup(scope);
    everything.setToggleGroup(scope);
    selectedOnly.setDisable(selected == 0);
    boolean wantSelected = last == null ? selected > 0 : last.selectedOnly() && selected > 0;
    (wantSelected ? selectedOnly : everything).setSelected(true);

    ToggleGroup format = new ToggleGroup();
    RadioButton json = new RadioButton("One JSON file per document");
    RadioButton jsonl = new RadioButton("One JSON Lines file (results.jsonl)");
    RadioButton csv = new RadioButton("CSV (results.csv, and a file per table of items)");
    json.setUserData(ExportFormat.JSON);
    jsonl.setUserData(ExportFormat.JSONL);
    csv.setUserData(ExportFormat.CSV);
    for (RadioButton b : new RadioButton[] {json, jsonl, csv}) {
      b.setToggleGroup(format);
      if (last != null && b.getUserData() == last.format()) {
        b.setSelected(true);
      }
    }
    if (format.getSelectedToggle() == null) {
      json.setSelected(true);
    }
    CheckBox dataOnly = new CheckBox("Data only, without the envelope (JSON and JSON Lines)");
    dataOnly.setSelected(last != null && last.dataOnly());
    dataOnly.disableProperty().bind(csv.selectedProperty());

    TextField folder = new TextField(last == null ? "" : last.folder().toString());
    folder.setPromptText("Folder for the files");
    HBox.setHgrow(folder, Priority.ALWAYS);
    Button browse = new Button("Choose…");
    browse.setOnAction(
        e ->
            dialogs
                .chooseFolder(
                    getDialogPane().getScene().getWindow(),
                    "Export into",
                    folder.getText().isBlank() ? null : Path.of(folder.getText()))
                .ifPresent(p -> folder.setText(p.toString())));
    Label note = new Label("Files are never replaced: a taken name gets a suffix (-1, -2…).");
    note.getStyleClass().add("hint");

    GridPane grid = new GridPane();
    grid.setHgap(12);
    grid.setVgap(10);
    grid.setPadding(new Insets(12));
    grid.addRow(0, new Label("Documents"), new VBox(6, selectedOnly, everything));
    grid.addRow(1, new Label("Format"), new VBox(6, json, jsonl, csv, dataOnly));
    grid.addRow(2, new Label("Folder"), new HBox(6, folder, browse));
    grid.add(note, 1, 3);
    getDialogPane().setContent(grid);
    ButtonType export = new ButtonType("Export", ButtonBar.ButtonData.OK_DONE);
    getDialogPane().getButtonTypes().addAll(export, ButtonType.CANCEL);
    getDialogPane()
        .lookupButton(export)
        .disableProperty()
        .bind(folder.textProperty().isEmpty().or(scope.selectedToggleProperty().isNull()));
    setResultConverter(
        button ->
            button == export
                ? new ExportRequest(
                    selectedOnly.isSelected(),
                    (ExportFormat) format.getSelectedToggle().getUserData(),
                    dataOnly.isSelected() && !csv.isSelected(),
                    Path.of(folder.getText().strip()))
                : null);
  }
}
