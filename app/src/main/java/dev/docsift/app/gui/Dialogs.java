package dev.docsift.app.gui;

import dev.docsift.app.gui.export.ExportRequest;
import dev.docsift.app.settings.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.Window;

/**
 * The questions the window asks through native or modal dialogs. A seam: the window shows real ones
 * ({@link FxDialogs}), tests answer them without a file chooser.
 */
public interface Dialogs {
  /**
   * Asks for documents to open.
   *
   * @param owner the window
   * @return the files; empty when cancelled
   */
  List<Path> chooseDocuments(Window owner);

  /**
   * Asks for a folder.
   *
   * @param owner the window
   * @param title what the folder is for
   * @param initial where to start, or null
   * @return the folder; empty when cancelled
   */
  Optional<Path> chooseFolder(Window owner, String title, Path initial);

  /**
   * Asks for a JSON Schema file.
   *
   * @param owner the window
   * @return the file; empty when cancelled
   */
  Optional<Path> chooseSchemaFile(Window owner);

  /**
   * Asks how to export.
   *
   * @param owner the window
   * @param selected how many documents are selected and done
   * @param all how many documents are done
   * @param last the previous answer, or null
   * @return the answer; empty when cancelled
   */
  Optional<ExportRequest> askExport(Window owner, int selected, int all, ExportRequest last);

  /**
   * Lets the user edit the settings.
   *
   * @param owner the window
   * @param current the settings now
   * @param file where they are saved, shown to the user
   * @param schemaIds the shipped schemas, offered as defaults
   * @return the new settings; empty when cancelled
   */
  Optional<Settings> editSettings(
      Window owner, Settings current, Path file, List<String> schemaIds);
}
