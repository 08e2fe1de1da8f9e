package dev.docsift.app.gui.export;

import dev.docsift.app.gui.Dialogs;
import dev.docsift.app.gui.queue.DocumentItem;
import dev.docsift.app.service.Exports;
import dev.docsift.app.service.TaskRunner;
import dev.docsift.app.service.UserMessages;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.stage.Window;

/**
 * Exports documents the window holds: asks how, refuses documents whose corrections do not
 * validate, and writes in the background.
 */
public final class ExportController {
  private final TaskRunner tasks;
  private final Dialogs dialogs;
  private final Consumer<String> status;
  private final Supplier<List<DocumentItem>> selected;
  private final Supplier<List<DocumentItem>> all;
  private ExportRequest last;

  /**
   * Creates the controller.
   *
   * @param tasks runs the writing off the JavaFX thread
   * @param dialogs asks how to export
   * @param status shows what happened in the status line
   * @param selected the selected documents
   * @param all every document in the queue
   */
  public ExportController(
      TaskRunner tasks,
      Dialogs dialogs,
      Consumer<String> status,
      Supplier<List<DocumentItem>> selected,
      Supplier<List<DocumentItem>> all) {
    this.tasks = tasks;
    this.dialogs = dialogs;
    this.status = status;
    this.selected = selected;
    this.all = all;
  }

  /**
   * Asks how to export, then exports.
   *
   * @param owner the window
   */
  public void export(Window owner) {
    int doneSelected = done(selected.get()).size();
    int doneAll = done(all.get()).size();
    if (doneAll == 0) {
      status.accept("Nothing to export yet: no document is done.");
      return;
    }
    dialogs.askExport(owner, doneSelected, doneAll, last).ifPresent(this::export);
  }

  /**
   * Exports as asked.
   *
   * @param request what, how and where
   */
  public void export(ExportRequest request) {
    last = request;
    List<DocumentItem> items = done(request.selectedOnly() ? selected.get() : all.get());
    if (items.isEmpty()) {
      status.accept("Nothing to export: none of these documents is done.");
      return;
    }
    List<String> invalid =
        items.stream().filter(i -> !i.review().valid()).map(DocumentItem::name).toList();
    if (!invalid.isEmpty()) {
      status.accept(
          "Not exported: "
              + String.join(", ", invalid)
              + (invalid.size() == 1 ? " has values" : " have values")
              + " that break the schema. Fix them (marked in red) or retype the value read.");
      return;
    }
    // Snapshots on the JavaFX thread, which owns the reviews; the writing runs in the background.
    List<Exports.Item> snapshot =
        items.stream()
            .map(i -> new Exports.Item(i.review().schema(), i.review().snapshot()))
            .toList();
    status.accept("Exporting " + snapshot.size() + " document(s)…");
    tasks.run(
        () -> Exports.write(snapshot, request.format(), request.dataOnly(), request.folder()),
        written -> status.accept(Exports.summary(written)),
        e -> status.accept(UserMessages.of(e)));
  }

  private static List<DocumentItem> done(List<DocumentItem> items) {
    return items.stream()
        .filter(i -> i.state() == DocumentItem.State.DONE)
        .filter(i -> i.review() != null)
        .toList();
  }
}
