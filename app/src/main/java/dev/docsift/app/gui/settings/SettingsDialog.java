package dev.docsift.app.gui.settings;

import dev.docsift.app.gui.Dialogs;
import dev.docsift.app.settings.Settings;
import dev.docsift.slm.decoder.ExecutionProvider;
import java.nio.file.Path;
import java.util.List;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

/** Edits the settings that persist: OCR data and languages, default schema, threads, models. */
public final class SettingsDialog extends Dialog<Settings> {
  /**
   * Builds the dialog.
   *
   * @param owner the window
   * @param dialogs for the folder choosers
   * @param current the settings now
   * @param file where they are saved, shown to the user
   * @param schemaIds the shipped schemas
   */
  public SettingsDialog(
      Window owner, Dialogs dialogs, Settings current, Path file, List<String> schemaIds) {
    initOwner(owner);
    setTitle("Settings");
    setHeaderText("Settings");
    TextField tessdata = new TextField(text(current.tessdata()));
    tessdata.setPromptText("search $TESSDATA_PREFIX and the system's folders");
    TextField languages = new TextField(current.languages());
    languages.setPromptText("eng, or eng+deu");
    ComboBox<String> schema = new ComboBox<>();
    schema.getItems().addAll(schemaIds);
    schema.setEditable(true);
    schema.setValue(current.defaultSchema());
    schema.setMaxWidth(Double.MAX_VALUE);
    Spinner<Integer> threads = new Spinner<>(1, Settings.MAX_THREADS, current.threads());
    threads.setEditable(true);
    TextField models = new TextField(text(current.modelsDir()));
    models.setPromptText("the default models folder");
    ComboBox<ExecutionProvider> provider = new ComboBox<>();
    provider.getItems().addAll(ExecutionProvider.values());
    provider.setValue(current.provider());
    Label error = new Label();
    error.getStyleClass().add("violation");
    error.setWrapText(true);
    Label where = new Label("Saved in " + file);
    where.getStyleClass().add("hint");

    GridPane grid = new GridPane();
    grid.setHgap(12);
    grid.setVgap(10);
    grid.setPadding(new Insets(12));
    grid.addRow(0, new Label("Tessdata folder"), browse(dialogs, tessdata, "Tessdata folder"));
    grid.addRow(1, new Label("OCR languages"), languages);
    grid.addRow(2, new Label("Default schema"), schema);
    grid.addRow(3, new Label("Documents at once"), threads);
    grid.addRow(4, new Label("Models folder"), browse(dialogs, models, "Models folder"));
    grid.addRow(5, new Label("Execution provider"), provider);
    grid.add(error, 0, 6, 2, 1);
    grid.add(where, 0, 7, 2, 1);
    getDialogPane().setContent(grid);
    getDialogPane().setPrefWidth(560);
    getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);

    Settings[] built = new Settings[1];
    // Validate on OK: a bad value keeps the dialog open with the reason, nothing is half-saved.
    getDialogPane()
        .lookupButton(ButtonType.OK)
        .addEventFilter(
            ActionEvent.ACTION,
            e -> {
              try {
                threads.increment(0); // commits typed text
                built[0] =
                    new Settings(
                        path(tessdata.getText()),
                        languages.getText(),
                        schema.getEditor().getText().strip(),
                        threads.getValue(),
                        path(models.getText()),
                        provider.getValue());
                error.setText("");
              } catch (IllegalArgumentException ex) {
                error.setText(ex.getMessage());
                e.consume();
              }
            });
    setResultConverter(b -> b == ButtonType.OK ? built[0] : null);
  }

  private HBox browse(Dialogs dialogs, TextField field, String title) {
    Button button = new Button("Choose…");
    button.setOnAction(
        e ->
            dialogs
                .chooseFolder(getDialogPane().getScene().getWindow(), title, path(field.getText()))
                .ifPresent(p -> field.setText(p.toString())));
    HBox.setHgrow(field, Priority.ALWAYS);
    return new HBox(6, field, button);
  }

  private static String text(Path p) {
    return p == null ? "" : p.toString();
  }

  private static Path path(String text) {
    return text == null || text.isBlank() ? null : Path.of(text.strip());
  }
}
