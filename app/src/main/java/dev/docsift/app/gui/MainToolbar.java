package dev.docsift.app.gui;

import dev.docsift.app.gui.choice.EnginePicker;
import dev.docsift.app.gui.choice.SchemaPicker;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The bar across the top of the window: open files or a folder, the schema picker with its Load
 * button, the engine and provider pickers, and on the right Copy JSON, Export and Settings. It only
 * lays the controls out; the buttons run the window's {@link WindowActions}.
 */
final class MainToolbar {
  private MainToolbar() {}

  /**
   * Builds the bar.
   *
   * @param schemas the schema picker, whose combo box the bar shows
   * @param engines the engine picker, whose two combo boxes the bar shows
   * @param actions what the buttons do
   * @return the bar
   */
  static HBox build(SchemaPicker schemas, EnginePicker engines, WindowActions actions) {
    Button open = new Button("Open…");
    open.setId("open");
    open.getStyleClass().add("primary");
    open.setTooltip(new Tooltip("Open PDFs or images (Ctrl+O)"));
    open.setOnAction(e -> actions.open().run());
    Button openFolder = new Button("Open folder…");
    openFolder.setOnAction(e -> actions.openFolder().run());
    Button loadSchema = new Button("Load…");
    loadSchema.setTooltip(new Tooltip("Load a JSON Schema file"));
    loadSchema.setOnAction(e -> actions.loadSchema().run());
    Button export = new Button("Export…");
    export.setId("export");
    export.setTooltip(new Tooltip("Export the selected or all documents (Ctrl+E)"));
    export.setOnAction(e -> actions.export().run());
    Button copy = new Button("Copy JSON");
    copy.setTooltip(new Tooltip("Copy this document's JSON (Ctrl+Shift+C)"));
    copy.setOnAction(e -> actions.copyJson().run());
    Button settingsButton = new Button("Settings");
    settingsButton.setId("settings");
    settingsButton.setOnAction(e -> actions.editSettings().run());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar =
        new HBox(
            8,
            open,
            openFolder,
            separator(),
            caption("Schema"),
            schemas.combo(),
            loadSchema,
            separator(),
            caption("Engine"),
            engines.engine(),
            engines.provider(),
            spacer,
            copy,
            export,
            settingsButton);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("main-toolbar");
    return bar;
  }

  private static Separator separator() {
    Separator s = new Separator(Orientation.VERTICAL);
    s.getStyleClass().add("bar-separator");
    return s;
  }

  private static Label caption(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("bar-caption");
    return l;
  }
}
