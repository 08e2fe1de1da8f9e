package dev.docsift.app.gui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Region;

/**
 * Makes the whole window a drop target for files dragged from the desktop: a drag that carries
 * files is accepted as a copy and marks the window with the {@code dragging} style class while it
 * hovers; a drop hands the files (and folders) on to be queued. Drags without files are refused.
 */
final class FileDrops {
  private FileDrops() {}

  /**
   * Accepts file drops on a node.
   *
   * @param target the window's root
   * @param open queues what was dropped
   */
  static void accept(Region target, Consumer<List<Path>> open) {
    target.setOnDragOver(
        e -> {
          if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
            if (!target.getStyleClass().contains("dragging")) {
              target.getStyleClass().add("dragging");
            }
          }
          e.consume();
        });
    target.setOnDragExited(e -> target.getStyleClass().remove("dragging"));
    target.setOnDragDropped(
        e -> {
          boolean ok = e.getDragboard().hasFiles();
          if (ok) {
            open.accept(e.getDragboard().getFiles().stream().map(File::toPath).toList());
          }
          target.getStyleClass().remove("dragging");
          e.setDropCompleted(ok);
          e.consume();
        });
  }
}
