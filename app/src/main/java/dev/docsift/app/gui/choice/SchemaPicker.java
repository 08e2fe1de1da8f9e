package dev.docsift.app.gui.choice;

import dev.docsift.app.service.TaskRunner;
import dev.docsift.app.service.UserMessages;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import dev.docsift.schemas.SchemaException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;

/**
 * Picks the schema new documents are read with: a shipped one, or a schema file loaded in the
 * background (a bad file is reported with its code and changes nothing).
 */
public final class SchemaPicker {
  /**
   * An entry.
   *
   * @param schema the schema
   * @param file the file it came from, or null for a shipped one
   */
  public record Choice(DocumentSchema schema, Path file) {
    @Override
    public String toString() {
      return file == null
          ? schema.title() + " (" + schema.id() + ")"
          : schema.title() + " (" + file.getFileName() + ")";
    }
  }

  private final ComboBox<Choice> combo = new ComboBox<>();
  private final TaskRunner tasks;
  private final Consumer<String> status;
  private final List<String> shippedIds;
  private final List<Runnable> waiting = new ArrayList<>();
  private int loading;

  /**
   * Creates the picker with the shipped schemas.
   *
   * @param tasks loads schema files off the JavaFX thread
   * @param status reports a schema that cannot be loaded
   */
  public SchemaPicker(TaskRunner tasks, Consumer<String> status) {
    this.tasks = tasks;
    this.status = status;
    combo.setId("schema-picker");
    combo.setTooltip(new Tooltip("The schema new documents are read with"));
    SchemaCatalog catalog = SchemaCatalog.shipped();
    shippedIds = catalog.ids();
    for (String id : shippedIds) {
      try {
        combo.getItems().add(new Choice(catalog.get(id), null));
      } catch (SchemaException e) {
        // A shipped schema is checked by the schemas module's tests; report rather than fail.
        status.accept(UserMessages.of(e));
      }
    }
    if (!combo.getItems().isEmpty()) {
      combo.getSelectionModel().select(0);
    }
  }

  /** The picker. */
  public ComboBox<Choice> combo() {
    return combo;
  }

  /** The ids of the shipped schemas. */
  public List<String> shippedIds() {
    return shippedIds;
  }

  /** The schema picked now. */
  public DocumentSchema current() {
    return combo.getValue().schema();
  }

  /**
   * Picks a shipped schema by id, or loads a schema file.
   *
   * @param idOrPath a shipped id or a file's path
   */
  public void select(String idOrPath) {
    Optional<Choice> shipped =
        combo.getItems().stream()
            .filter(c -> c.file() == null && c.schema().id().equals(idOrPath))
            .findFirst();
    if (shipped.isPresent()) {
      combo.setValue(shipped.get());
    } else {
      load(Path.of(idOrPath));
    }
  }

  /**
   * Runs something once no schema file is loading, so that documents queued meanwhile get the
   * schema that was asked for.
   *
   * @param action runs on the JavaFX thread, now or after the loads
   */
  public void whenReady(Runnable action) {
    if (loading == 0) {
      action.run();
    } else {
      waiting.add(action);
    }
  }

  /**
   * Loads a schema file in the background and picks it.
   *
   * @param file the JSON Schema
   */
  public void load(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    loading++;
    tasks.run(
        () -> SchemaCatalog.load(absolute),
        schema -> {
          loaded();
          combo.getItems().removeIf(c -> absolute.equals(c.file()));
          Choice choice = new Choice(schema, absolute);
          combo.getItems().add(choice);
          combo.setValue(choice);
          status.accept("Schema " + schema.title() + " loaded from " + absolute + ".");
        },
        e -> {
          loaded();
          status.accept(UserMessages.of(e));
        });
  }

  private void loaded() {
    loading--;
    if (loading == 0) {
      List<Runnable> ready = List.copyOf(waiting);
      waiting.clear();
      ready.forEach(Runnable::run);
    }
  }
}
