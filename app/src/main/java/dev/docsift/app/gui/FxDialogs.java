package dev.docsift.app.gui;

import dev.docsift.app.gui.export.ExportDialog;
import dev.docsift.app.gui.export.ExportRequest;
import dev.docsift.app.gui.settings.SettingsDialog;
import dev.docsift.app.service.InputFiles;
import dev.docsift.app.settings.Settings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The real dialogs: the platform's file choosers and the window's modal dialogs. */
public final class FxDialogs implements Dialogs {
  private Path lastFolder;

  @Override
  public List<Path> chooseDocuments(Window owner) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Open documents");
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter(
                "PDFs and images",
                InputFiles.EXTENSIONS.stream().flatMap(e -> variants(e).stream()).toList()),
            new FileChooser.ExtensionFilter("All files", "*"));
    startIn(chooser);
    List<File> files = chooser.showOpenMultipleDialog(owner);
    if (files == null || files.isEmpty()) {
      return List.of();
    }
    lastFolder = files.get(0).toPath().getParent();
    return files.stream().map(File::toPath).toList();
  }

  @Override
  public Optional<Path> chooseFolder(Window owner, String title, Path initial) {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(title);
    Path start = initial != null && Files.isDirectory(initial) ? initial : lastFolder;
    if (start != null && Files.isDirectory(start)) {
      chooser.setInitialDirectory(start.toFile());
    }
    File dir = chooser.showDialog(owner);
    if (dir == null) {
      return Optional.empty();
    }
    lastFolder = dir.toPath();
    return Optional.of(dir.toPath());
  }

  @Override
  public Optional<Path> chooseSchemaFile(Window owner) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Load a JSON Schema");
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter("JSON Schema", "*.json"),
            new FileChooser.ExtensionFilter("All files", "*"));
    startIn(chooser);
    File file = chooser.showOpenDialog(owner);
    return Optional.ofNullable(file).map(File::toPath);
  }

  @Override
  public Optional<ExportRequest> askExport(
      Window owner, int selected, int all, ExportRequest last) {
    return new ExportDialog(owner, this, selected, all, last).showAndWait();
  }

  @Override
  public Optional<Settings> editSettings(
      Window owner, Settings current, Path file, List<String> schemaIds) {
    return new SettingsDialog(owner, this, current, file, schemaIds).showAndWait();
  }

  private void startIn(FileChooser chooser) {
    if (lastFolder != null && Files.isDirectory(lastFolder)) {
      chooser.setInitialDirectory(lastFolder.toFile());
    }
  }

  private static List<String> variants(String extension) {
    return List.of("*." + extension, "*." + extension.toUpperCase(Locale.ROOT));
  }
}
