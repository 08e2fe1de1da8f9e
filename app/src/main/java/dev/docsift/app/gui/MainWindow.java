package dev.docsift.app.gui;

import dev.docsift.app.gui.choice.EnginePicker;
import dev.docsift.app.gui.choice.SchemaPicker;
import dev.docsift.app.gui.export.ExportController;
import dev.docsift.app.gui.form.FieldsForm;
import dev.docsift.app.gui.form.JsonView;
import dev.docsift.app.gui.page.PageViewer;
import dev.docsift.app.gui.queue.DocumentItem;
import dev.docsift.app.gui.queue.DocumentQueue;
import dev.docsift.app.gui.queue.QueueView;
import dev.docsift.app.gui.watch.WatchPanel;
import dev.docsift.app.pages.PageImages;
import dev.docsift.app.service.DocumentService;
import dev.docsift.app.service.InputFiles;
import dev.docsift.app.service.JobRequest;
import dev.docsift.app.service.TaskRunner;
import dev.docsift.app.service.UserMessages;
import dev.docsift.app.service.WatchService;
import dev.docsift.app.settings.Settings;
import dev.docsift.app.settings.SettingsStore;
import dev.docsift.core.engine.EngineChoice;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.scene.layout.BorderPane;
import javafx.stage.Window;

/**
 * The desktop window: composes the queue, the page viewer, the form and raw JSON, export, the
 * folder watch and settings, and wires them together. Each part is a thin controller of its own;
 * the work runs in the services this window is given.
 *
 * <p>The views around them are small classes of their own: {@link MainToolbar}, {@link
 * WindowPanes}, {@link StatusBar}, {@link FileDrops} and {@link Shortcuts}; the buttons and
 * shortcuts run the same {@link WindowActions}, which this class makes.
 */
public final class MainWindow {
  /**
   * What the window works through; tests pass their own.
   *
   * @param documents runs documents
   * @param pages renders pages for display
   * @param tasks runs short background work
   * @param watch starts folder watches
   * @param settingsStore reads and writes the settings
   * @param dialogs asks the user
   */
  public record Services(
      DocumentService documents,
      PageImages pages,
      TaskRunner tasks,
      WatchService watch,
      SettingsStore settingsStore,
      Dialogs dialogs) {
    /** Validates. */
    public Services {
      Objects.requireNonNull(documents, "documents");
      Objects.requireNonNull(pages, "pages");
      Objects.requireNonNull(tasks, "tasks");
      Objects.requireNonNull(watch, "watch");
      Objects.requireNonNull(settingsStore, "settingsStore");
      Objects.requireNonNull(dialogs, "dialogs");
    }
  }

  private final Services services;
  private final BorderPane root = new BorderPane();
  private final StatusBar statusBar = new StatusBar();
  private final WindowActions actions =
      new WindowActions(
          this::chooseDocuments,
          this::chooseFolder,
          this::chooseSchemaFile,
          this::export,
          this::copyJson,
          this::editSettings);
  private final SchemaPicker schemas;
  private final EnginePicker engines;
  private final DocumentQueue queue;
  private final QueueView queueView;
  private final PageViewer viewer;
  private final FieldsForm form = new FieldsForm();
  private final JsonView json = new JsonView();
  private final ExportController exporter;
  private final WatchPanel watch;
  private final WindowPanes panes;
  private final ChangeListener<Object> shownChanged = (o, was, now) -> showSelected();
  private final ChangeListener<Number> edited = (o, was, now) -> afterEdit();
  private Settings settings;
  private DocumentItem shown;
  private Shown lastShown;

  private record Shown(DocumentItem item, Object review, DocumentItem.State state) {}

  /**
   * Builds the window.
   *
   * @param services what it works through
   * @param loaded the settings, and a notice when their file had problems
   */
  public MainWindow(Services services, SettingsStore.Loaded loaded) {
    this.services = services;
    this.settings = loaded.settings();
    schemas = new SchemaPicker(services.tasks(), this::setStatus);
    engines = new EnginePicker(services.tasks(), this::setStatus);
    queue = new DocumentQueue(services.documents(), services.tasks().ui(), this::request);
    queueView = new QueueView(queue, WindowPanes.queuePlaceholder(actions.open()));
    viewer = new PageViewer(services.pages(), services.tasks().ui());
    exporter =
        new ExportController(
            services.tasks(),
            services.dialogs(),
            this::setStatus,
            () -> List.copyOf(queueView.list().getSelectionModel().getSelectedItems()),
            () -> List.copyOf(queue.items()));
    watch =
        new WatchPanel(
            services.watch(),
            services.tasks(),
            services.dialogs(),
            this::window,
            () -> new WatchPanel.Setup(schemas.current(), settings.pipeline(engines.current())));

    panes = new WindowPanes(queueView, watch, viewer, form, json);
    root.getStyleClass().add("docsift");
    root.setTop(MainToolbar.build(schemas, engines, actions));
    root.setCenter(panes.view());
    root.setBottom(statusBar.view());
    wire();
    FileDrops.accept(root, this::open);
    Shortcuts.install(root, actions, queueView, queue);

    services.documents().setWorkers(settings.threads());
    engines.reload(settings.modelsDir(), settings.provider());
    schemas.select(settings.defaultSchema());
    loaded.notice().ifPresent(this::setStatus);
    if (loaded.notice().isEmpty()) {
      setStatus("Drop PDFs or images on the window, or use Open.");
    }
  }

  /** The window's content. */
  public Parent root() {
    return root;
  }

  /** The status line's text. */
  public ReadOnlyStringProperty statusProperty() {
    return statusBar.statusProperty();
  }

  /** The queue. */
  public DocumentQueue queue() {
    return queue;
  }

  /** The queue's list. */
  public QueueView queueView() {
    return queueView;
  }

  /** The page viewer. */
  public PageViewer viewer() {
    return viewer;
  }

  /** The form. */
  public FieldsForm form() {
    return form;
  }

  /** The raw JSON tab. */
  public JsonView json() {
    return json;
  }

  /** The export controller. */
  public ExportController exporter() {
    return exporter;
  }

  /** The folder watch panel. */
  public WatchPanel watch() {
    return watch;
  }

  /** The schema picker. */
  public SchemaPicker schemas() {
    return schemas;
  }

  /** The engine picker. */
  public EnginePicker engines() {
    return engines;
  }

  /** The settings in use. */
  public Settings settings() {
    return settings;
  }

  /**
   * Queues files and folders (a folder: every supported file in it), listed in the background.
   *
   * @param paths what was dropped or chosen
   */
  public void open(List<Path> paths) {
    if (paths.isEmpty()) {
      return;
    }
    services
        .tasks()
        .run(
            () -> InputFiles.expand(paths),
            files -> schemas.whenReady(() -> queueFiles(files)),
            e -> setStatus(UserMessages.of(e)));
  }

  private void queueFiles(List<Path> files) {
    if (files.isEmpty()) {
      setStatus("No PDF, PNG, JPEG or TIFF files there.");
      return;
    }
    List<DocumentItem> added = queue.add(files);
    setStatus(
        added.isEmpty()
            ? "Already in the queue."
            : "Queued "
                + added.size()
                + (added.size() == 1 ? " document" : " documents")
                + " for "
                + schemas.current().title()
                + ".");
    if (!added.isEmpty() && queueView.list().getSelectionModel().isEmpty()) {
      queueView.list().getSelectionModel().select(added.get(0));
    }
  }

  /**
   * Shows a defect that escaped a controller.
   *
   * @param message the sentence with its code
   */
  public void reportDefect(String message) {
    setStatus(message);
  }

  /** Stops the watch and the services. */
  public void close() {
    watch.close();
    services.documents().close();
    services.pages().close();
    services.tasks().close();
  }

  private JobRequest request(Path file) {
    EngineChoice engine = engines.current();
    return new JobRequest(file, schemas.current(), settings.pipeline(engine));
  }

  private void setStatus(String text) {
    statusBar.setStatus(text);
  }

  private Window window() {
    return root.getScene() == null ? null : root.getScene().getWindow();
  }

  private void wire() {
    queueView
        .list()
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, was, now) -> showSelected());
    queue
        .items()
        .addListener(
            (ListChangeListener<DocumentItem>)
                change -> {
                  while (change.next()) {
                    change.getAddedSubList().forEach(this::follow);
                  }
                  statusBar.showCounts(queue.items());
                });
    form.setOnFieldSelected(viewer::select);
    viewer.setOnValueClicked(
        pointer -> {
          panes.showFields();
          form.select(pointer);
          viewer.select(pointer);
        });
    statusBar.showCounts(queue.items());
  }

  /** Keeps the counts and the status line up to date with a document. */
  private void follow(DocumentItem item) {
    item.stateProperty()
        .addListener(
            (o, was, now) -> {
              statusBar.showCounts(queue.items());
              if (now == DocumentItem.State.DONE) {
                setStatus(item.name() + " is read: " + item.detailProperty().get() + ".");
              } else if (now == DocumentItem.State.FAILED) {
                setStatus(item.name() + ": " + item.errorProperty().get());
              }
            });
  }

  private void showSelected() {
    DocumentItem item = queueView.list().getSelectionModel().getSelectedItem();
    // A result's state changes after it is set: show each document once per result or state.
    Shown key =
        item == null
            ? null
            : new Shown(item, item.review(), item.review() == null ? item.state() : null);
    if (Objects.equals(key, lastShown)) {
      return;
    }
    lastShown = key;
    if (shown != item) {
      if (shown != null) {
        shown.reviewProperty().removeListener(shownChanged);
        shown.stateProperty().removeListener(shownChanged);
        shown.revisionProperty().removeListener(edited);
      }
      shown = item;
      if (item != null) {
        item.reviewProperty().addListener(shownChanged);
        item.stateProperty().addListener(shownChanged);
        item.revisionProperty().addListener(edited);
      }
    }
    viewer.show(item);
    form.show(item);
    json.show(item);
  }

  private void afterEdit() {
    json.refresh();
    viewer.refresh();
  }

  private void chooseDocuments() {
    open(services.dialogs().chooseDocuments(window()));
  }

  private void chooseFolder() {
    services
        .dialogs()
        .chooseFolder(window(), "Open every document in a folder", null)
        .ifPresent(p -> open(List.of(p)));
  }

  private void chooseSchemaFile() {
    services.dialogs().chooseSchemaFile(window()).ifPresent(schemas::load);
  }

  private void export() {
    exporter.export(window());
  }

  private void copyJson() {
    if (shown == null || shown.review() == null) {
      setStatus("Select a document that is done to copy its JSON.");
      return;
    }
    json.copyToClipboard();
    setStatus("Copied the JSON of " + shown.name() + " to the clipboard.");
  }

  private void editSettings() {
    services
        .dialogs()
        .editSettings(window(), settings, services.settingsStore().file(), schemas.shippedIds())
        .ifPresent(this::applySettings);
  }

  /**
   * Uses new settings and saves them in the background.
   *
   * @param next the settings
   */
  public void applySettings(Settings next) {
    settings = next;
    services.documents().setWorkers(next.threads());
    engines.reload(next.modelsDir(), next.provider());
    services
        .tasks()
        .run(
            () -> {
              services.settingsStore().save(next);
              return services.settingsStore().file();
            },
            file -> setStatus("Settings saved in " + file + "; new documents use them."),
            e -> setStatus(UserMessages.of(e)));
  }
}
