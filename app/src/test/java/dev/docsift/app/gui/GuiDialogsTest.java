package dev.docsift.app.gui;

import static dev.docsift.app.gui.GuiHarness.await;
import static dev.docsift.app.gui.GuiHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.app.gui.export.ExportDialog;
import dev.docsift.app.gui.export.ExportRequest;
import dev.docsift.app.gui.settings.SettingsDialog;
import dev.docsift.app.settings.Settings;
import dev.docsift.app.settings.SettingsStore;
import dev.docsift.core.export.ExportFormat;
import dev.docsift.slm.decoder.ExecutionProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;

/** The export and settings dialogs as a user fills them in; settings saved from the window. */
class GuiDialogsTest extends GuiHarness.WindowTest {
  @Test
  void theExportDialogAsksWhatHowAndWhere() {
    AtomicReference<Optional<ExportRequest>> answer = new AtomicReference<>();
    Platform.runLater(
        () -> answer.set(new ExportDialog(stage, gui.dialogs, 0, 3, null).showAndWait()));
    await("the dialog shows", 10, () -> !robot.lookup(".dialog-pane").queryAll().isEmpty());

    RadioButton selected = robot.lookup("Selected documents (0)").queryAs(RadioButton.class);
    assertThat(fx(selected::isDisabled)).as("nothing is selected").isTrue();
    Button export = robot.lookup("Export").queryAs(Button.class);
    assertThat(fx(export::isDisabled)).as("no folder yet").isTrue();

    TextField folder = robot.lookup(".dialog-pane .text-field").queryAs(TextField.class);
    robot.clickOn(folder).write("x");
    assertThat(fx(export::isDisabled)).as("a folder is given").isFalse();
    GuiHarness.fxRun(() -> folder.setText(dir.resolve("out").toString()));
    robot.clickOn("CSV (results.csv, and a file per table of items)");
    assertThat(
            fx(() -> robot.lookup(".dialog-pane .check-box").queryAs(CheckBox.class).isDisabled()))
        .as("data only is for JSON")
        .isTrue();
    robot.clickOn(export);
    await("the dialog answered", 10, () -> answer.get() != null);

    assertThat(answer.get())
        .contains(new ExportRequest(false, ExportFormat.CSV, false, dir.resolve("out")));
  }

  @Test
  void theSettingsDialogRefusesBadValuesAndReturnsGoodOnes() {
    AtomicReference<Optional<Settings>> answer = new AtomicReference<>();
    Settings current = Settings.defaults();
    Platform.runLater(
        () ->
            answer.set(
                new SettingsDialog(
                        stage,
                        gui.dialogs,
                        current,
                        dir.resolve("s.json"),
                        List.of("receipt", "invoice"))
                    .showAndWait()));
    await("the dialog shows", 10, () -> !robot.lookup(".dialog-pane").queryAll().isEmpty());
    TextField languages =
        fx(
            () ->
                robot.lookup(".dialog-pane .text-field").queryAllAs(TextField.class).stream()
                    .filter(t -> "eng".equals(t.getText()))
                    .findFirst()
                    .orElseThrow());
    robot.doubleClickOn(languages).write("eng;de");
    robot.clickOn("OK");
    await(
        "the reason shows",
        10,
        () ->
            robot.lookup(".dialog-pane .violation").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().contains("not a Tesseract language")));
    assertThat(answer.get()).as("still open").isNull();

    GuiHarness.fxRun(() -> languages.setText("eng+deu"));
    robot.clickOn("OK");
    await("the dialog answered", 10, () -> answer.get() != null);
    assertThat(answer.get()).get().extracting(Settings::languages).isEqualTo("eng+deu");
  }

  @Test
  void settingsChosenInTheWindowAreSavedAndUsed() {
    Settings d = Settings.defaults();
    gui.dialogs.settings =
        new Settings(
            Path.of("/opt/tessdata"),
            "eng+fra",
            "invoice",
            2,
            dir.resolve("models"),
            ExecutionProvider.CPU);
    robot.clickOn("#settings");
    await("saved", 10, () -> gui.window.statusProperty().get().startsWith("Settings saved"));

    SettingsStore.Loaded reloaded = new SettingsStore(dir.resolve("config")).load();
    assertThat(reloaded.settings()).isEqualTo(gui.dialogs.settings);
    assertThat(fx(() -> gui.window.settings().threads())).isEqualTo(2);
    assertThat(fx(() -> gui.window.engines().provider().getValue()))
        .isEqualTo(ExecutionProvider.CPU);
    assertThat(d.languages()).isEqualTo("eng");
  }
}
