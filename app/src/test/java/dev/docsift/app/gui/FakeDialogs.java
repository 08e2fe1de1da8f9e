package dev.docsift.app.gui;

import dev.docsift.app.gui.export.ExportRequest;
import dev.docsift.app.settings.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.stage.Window;

/** Answers the window's questions as a test set them up; records what was asked. */
final class FakeDialogs implements Dialogs {
  volatile List<Path> documents = List.of();
  volatile Path folder;
  volatile ExportRequest export;
  volatile Settings settings;
  final List<String> asked = new ArrayList<>();

  @Override
  public List<Path> chooseDocuments(Window owner) {
    asked.add("documents");
    return documents;
  }

  @Override
  public Optional<Path> chooseFolder(Window owner, String title, Path initial) {
    asked.add("folder: " + title);
    return Optional.ofNullable(folder);
  }

  @Override
  public Optional<Path> chooseSchemaFile(Window owner) {
    asked.add("schema");
    return Optional.empty();
  }

  @Override
  public Optional<ExportRequest> askExport(
      Window owner, int selected, int all, ExportRequest last) {
    asked.add("export " + selected + "/" + all);
    return Optional.ofNullable(export);
  }

  @Override
  public Optional<Settings> editSettings(
      Window owner, Settings current, Path file, List<String> schemaIds) {
    asked.add("settings");
    return Optional.ofNullable(settings);
  }
}
