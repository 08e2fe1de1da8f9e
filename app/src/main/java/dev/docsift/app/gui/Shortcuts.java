package dev.docsift.app.gui;

import dev.docsift.app.gui.queue.DocumentQueue;
import dev.docsift.app.gui.queue.QueueView;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The window's keyboard shortcuts: Ctrl+O opens documents, Ctrl+E exports, Ctrl+Shift+C copies the
 * shown document's JSON (Cmd on a Mac), and Delete in the queue removes the selected documents. The
 * first three run the same {@link WindowActions} as the toolbar's buttons.
 */
final class Shortcuts {
  private Shortcuts() {}

  /**
   * Installs the shortcuts once the window's root is in a scene.
   *
   * @param root the window's root
   * @param actions what the shortcuts run
   * @param queueView the queue's list, where Delete removes the selection
   * @param queue the queue
   */
  static void install(
      Parent root, WindowActions actions, QueueView queueView, DocumentQueue queue) {
    // Accelerators belong to the scene, which the root only joins after the window is built.
    root.sceneProperty()
        .addListener(
            (o, was, scene) -> {
              if (scene != null) {
                install(scene, actions, queueView, queue);
              }
            });
  }

  private static void install(
      Scene scene, WindowActions actions, QueueView queueView, DocumentQueue queue) {
    scene
        .getAccelerators()
        .put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), actions.open());
    scene
        .getAccelerators()
        .put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), actions.export());
    scene
        .getAccelerators()
        .put(
            new KeyCodeCombination(
                KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
            actions.copyJson());
    queueView
        .list()
        .setOnKeyPressed(
            e -> {
              if (e.getCode() == KeyCode.DELETE) {
                List.copyOf(queueView.list().getSelectionModel().getSelectedItems())
                    .forEach(queue::remove);
              }
            });
  }
}
