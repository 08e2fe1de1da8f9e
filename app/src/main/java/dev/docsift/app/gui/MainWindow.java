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
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The desktop window: composes the queue, the page viewer, the form and raw JSON, export, the
 * folder watch and settings, and wires them together. Each part is a thin controller of its own;
 * the work runs in the services this window is given.
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
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final Label counts = new Label();
  private final SchemaPicker schemas;
  private final EnginePicker engines;
  private final DocumentQueue queue;
  private final QueueView queueView;
  private final PageViewer viewer;
  private final FieldsForm form = new FieldsForm();
  private final JsonView json = new JsonView();
  private final ExportController exporter;
  private final WatchPanel watch;
  private final TabPane tabs = new TabPane();
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
    queueView = new QueueView(queue, placeholder());
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

    root.getStyleClass().add("docsift");
    root.setTop(toolbar());
    root.setCenter(body());
    root.setBottom(statusBar());
    wire();
    acceptDrops();
    root.sceneProperty()
        .addListener(
            (o, was, scene) -> {
              if (scene != null) {
                shortcuts(scene);
              }
            });

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
    return status.getReadOnlyProperty();
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
    status.set(text);
  }

  private Window window() {
    return root.getScene() == null ? null : root.getScene().getWindow();
  }

  private HBox toolbar() {
    Button open = new Button("Open…");
    open.setId("open");
    open.getStyleClass().add("primary");
    open.setTooltip(new Tooltip("Open PDFs or images (Ctrl+O)"));
    open.setOnAction(e -> open(services.dialogs().chooseDocuments(window())));
    Button openFolder = new Button("Open folder…");
    openFolder.setOnAction(
        e ->
            services
                .dialogs()
                .chooseFolder(window(), "Open every document in a folder", null)
                .ifPresent(p -> open(List.of(p))));
    Button loadSchema = new Button("Load…");
    loadSchema.setTooltip(new Tooltip("Load a JSON Schema file"));
    loadSchema.setOnAction(
        e -> services.dialogs().chooseSchemaFile(window()).ifPresent(schemas::load));
    Button export = new Button("Export…");
    export.setId("export");
    export.setTooltip(new Tooltip("Export the selected or all documents (Ctrl+E)"));
    export.setOnAction(e -> exporter.export(window()));
    Button copy = new Button("Copy JSON");
    copy.setTooltip(new Tooltip("Copy this document's JSON (Ctrl+Shift+C)"));
    copy.setOnAction(e -> copyJson());
    Button settingsButton = new Button("Settings");
    settingsButton.setId("settings");
    settingsButton.setOnAction(e -> editSettings());
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

  private SplitPane body() {
    Label documents = new Label("Documents");
    documents.getStyleClass().add("pane-title");
    TitledPane watchPane = new TitledPane("Watch a folder", watch.view());
    watchPane.setExpanded(false);
    watchPane.setId("watch-pane");
    watchPane.getStyleClass().add("watch-pane");
    VBox left = new VBox(documents, queueView.list(), watchPane);
    left.getStyleClass().add("left-pane");
    VBox.setVgrow(queueView.list(), Priority.ALWAYS);
    left.setMinWidth(260);

    Tab fields = new Tab("Fields", form.view());
    fields.setId("tab-fields");
    Tab raw = new Tab("JSON", json.view());
    raw.setId("tab-json");
    tabs.getTabs().addAll(fields, raw);
    raw.selectedProperty().addListener((o, was, now) -> json.setVisible(now));
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.setMinWidth(300);

    SplitPane split = new SplitPane(left, viewer.view(), tabs);
    split.setDividerPositions(0.24, 0.69);
    SplitPane.setResizableWithParent(left, false);
    SplitPane.setResizableWithParent(tabs, false);
    return split;
  }

  private HBox statusBar() {
    Label text = new Label();
    text.setId("status");
    text.textProperty().bind(status);
    text.setMinWidth(0);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    counts.setId("counts");
    counts.setMinWidth(Region.USE_PREF_SIZE);
    HBox bar = new HBox(8, text, spacer, counts);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("status-bar");
    return bar;
  }

  private Region placeholder() {
    Label big = new Label("Drop PDFs or images here");
    big.getStyleClass().add("placeholder-title");
    Label hint = new Label("PDF, PNG, JPEG and TIFF · a folder adds every such file in it");
    hint.getStyleClass().add("hint");
    hint.setWrapText(true);
    Button open = new Button("Open files…");
    open.setOnAction(e -> open(services.dialogs().chooseDocuments(window())));
    VBox box = new VBox(10, big, hint, open);
    box.setAlignment(Pos.CENTER);
    box.getStyleClass().add("queue-placeholder");
    return box;
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
                  count();
                });
    form.setOnFieldSelected(viewer::select);
    viewer.setOnValueClicked(
        pointer -> {
          tabs.getSelectionModel().select(0);
          form.select(pointer);
          viewer.select(pointer);
        });
    count();
  }

  /** Keeps the counts and the status line up to date with a document. */
  private void follow(DocumentItem item) {
    item.stateProperty()
        .addListener(
            (o, was, now) -> {
              count();
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

  private void count() {
    long working = queue.items().stream().filter(i -> !i.state().ended()).count();
    long done = queue.items().stream().filter(i -> i.state() == DocumentItem.State.DONE).count();
    long failed =
        queue.items().stream().filter(i -> i.state() == DocumentItem.State.FAILED).count();
    int all = queue.items().size();
    counts.setText(
        all == 0
            ? ""
            : all
                + (all == 1 ? " document" : " documents")
                + (working > 0 ? " · " + working + " working" : "")
                + " · "
                + done
                + " done"
                + (failed > 0 ? " · " + failed + " failed" : ""));
  }

  private void acceptDrops() {
    root.setOnDragOver(
        e -> {
          if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
            if (!root.getStyleClass().contains("dragging")) {
              root.getStyleClass().add("dragging");
            }
          }
          e.consume();
        });
    root.setOnDragExited(e -> root.getStyleClass().remove("dragging"));
    root.setOnDragDropped(
        e -> {
          boolean ok = e.getDragboard().hasFiles();
          if (ok) {
            open(e.getDragboard().getFiles().stream().map(File::toPath).toList());
          }
          root.getStyleClass().remove("dragging");
          e.setDropCompleted(ok);
          e.consume();
        });
  }

  private void shortcuts(Scene scene) {
    scene
        .getAccelerators()
        .put(
            new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN),
            () -> open(services.dialogs().chooseDocuments(window())));
    scene
        .getAccelerators()
        .put(
            new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN),
            () -> exporter.export(window()));
    scene
        .getAccelerators()
        .put(
            new KeyCodeCombination(
                KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
            this::copyJson);
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
