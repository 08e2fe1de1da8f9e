package dev.docsift.app.gui.watch;

import dev.docsift.app.gui.Dialogs;
import dev.docsift.app.service.TaskRunner;
import dev.docsift.app.service.UserMessages;
import dev.docsift.app.service.WatchService;
import dev.docsift.core.export.ExportFormat;
import dev.docsift.core.pipeline.PipelineConfig;
import dev.docsift.core.watch.WatchConfig;
import dev.docsift.core.watch.WatchEvent;
import dev.docsift.core.watch.WatchStatus;
import dev.docsift.schemas.DocumentSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * Watches a folder from the window, as {@code docsift watch} does: choose inbox and outbox, start
 * and stop, see how many documents are done and failed. Uses the schema and engine picked in the
 * toolbar at the time it starts.
 */
public final class WatchPanel {
  /** What a watch needs from the window when it starts. */
  public record Setup(DocumentSchema schema, PipelineConfig pipeline) {}

  private enum Phase {
    IDLE,
    STARTING,
    RUNNING,
    STOPPING
  }

  private final WatchService service;
  private final TaskRunner tasks;
  private final Supplier<Setup> setup;
  private final VBox view = new VBox(8);
  private final TextField inbox = new TextField();
  private final TextField outbox = new TextField();
  private final ComboBox<ExportFormat> format = new ComboBox<>();
  private final Button toggle = new Button("Start watching");
  private final Label counts = new Label("Not watching.");
  private final Label last = new Label();
  private Phase phase = Phase.IDLE;
  private WatchService.Session session;

  /**
   * Creates the panel.
   *
   * @param service starts watches
   * @param tasks starts and stops them off the JavaFX thread
   * @param dialogs chooses the folders
   * @param owner the window, for the choosers
   * @param setup the schema and pipeline picked now
   */
  public WatchPanel(
      WatchService service,
      TaskRunner tasks,
      Dialogs dialogs,
      Supplier<Window> owner,
      Supplier<Setup> setup) {
    this.service = service;
    this.tasks = tasks;
    this.setup = setup;
    view.getStyleClass().add("watch-panel");
    inbox.setId("watch-inbox");
    outbox.setId("watch-outbox");
    toggle.setId("watch-toggle");
    counts.setId("watch-counts");
    last.setId("watch-last");
    inbox.setPromptText("Inbox: the folder to watch");
    outbox.setPromptText("Outbox: where results go");
    format.getItems().addAll(ExportFormat.values());
    format.setValue(ExportFormat.JSON);
    format.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(ExportFormat f) {
            return f == null ? "" : f.extension().toUpperCase(Locale.ROOT);
          }

          @Override
          public ExportFormat fromString(String s) {
            return ExportFormat.parse(s);
          }
        });
    GridPane grid = new GridPane();
    grid.setHgap(6);
    grid.setVgap(6);
    grid.addRow(0, new Label("Inbox"), row(inbox, chooser(dialogs, owner, inbox, "Inbox")));
    grid.addRow(1, new Label("Outbox"), row(outbox, chooser(dialogs, owner, outbox, "Outbox")));
    GridPane.setHgrow(inbox.getParent(), Priority.ALWAYS);
    toggle.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(toggle, Priority.ALWAYS);
    HBox actions = new HBox(6, format, toggle);
    actions.setAlignment(Pos.CENTER_LEFT);
    counts.getStyleClass().add("watch-counts");
    last.getStyleClass().add("watch-last");
    last.setWrapText(true);
    view.getChildren().addAll(grid, actions, counts, last);
    toggle.setOnAction(e -> toggle());
    inbox.disableProperty().bind(toggle.textProperty().isNotEqualTo("Start watching"));
    outbox.disableProperty().bind(inbox.disableProperty());
    format.disableProperty().bind(inbox.disableProperty());
  }

  /** The panel. */
  public Region view() {
    return view;
  }

  /** Whether a watch is running. */
  public boolean running() {
    return phase == Phase.RUNNING;
  }

  /** Starts or stops. */
  public void toggle() {
    switch (phase) {
      case IDLE -> start();
      case RUNNING -> stop();
      default -> {}
    }
  }

  private void start() {
    if (inbox.getText().isBlank() || outbox.getText().isBlank()) {
      last.setText("Choose an inbox and an outbox first.");
      return;
    }
    Setup s = setup.get();
    WatchConfig config;
    try {
      config =
          WatchConfig.defaults(
                  Path.of(inbox.getText().strip()), Path.of(outbox.getText().strip()), s.pipeline())
              .withFormat(format.getValue());
    } catch (RuntimeException e) {
      last.setText("Not a usable folder: " + e.getMessage());
      return;
    }
    phase(Phase.STARTING);
    counts.setText("Starting…");
    last.setText("");
    tasks.run(
        () -> service.start(config, s.schema(), event -> tasks.ui().execute(() -> on(event))),
        started -> {
          session = started;
          phase(Phase.RUNNING);
          showCounts();
        },
        e -> {
          phase(Phase.IDLE);
          counts.setText("Not watching.");
          last.setText(UserMessages.of(e));
        });
  }

  private void stop() {
    WatchService.Session s = session;
    phase(Phase.STOPPING);
    counts.setText(counts.getText() + " Stopping after the documents in flight…");
    tasks.run(
        () -> {
          s.stop();
          s.awaitStopped(Duration.ofMinutes(3));
          return s.counts();
        },
        c -> {
          session = null;
          phase(Phase.IDLE);
          counts.setText("Stopped. " + describe(c));
        },
        e -> {
          session = null;
          phase(Phase.IDLE);
          last.setText(UserMessages.of(e));
        });
  }

  /** Stops a running watch without waiting (the window is closing). */
  public void close() {
    if (session != null) {
      session.stop();
      try {
        // In-flight documents finish; the journal makes an interrupted one safe either way.
        session.awaitStopped(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void on(WatchEvent event) {
    switch (event) {
      case WatchEvent.Done d ->
          last.setText(d.input().getFileName() + " → " + d.outputs().get(0).getFileName());
      case WatchEvent.Failed f ->
          last.setText(f.input().getFileName() + ": " + f.error().userMessage());
      case WatchEvent.Skipped s -> last.setText(s.input().getFileName() + " was done before.");
      case WatchEvent.Notice n -> last.setText(n.message());
    }
    showCounts();
  }

  private void showCounts() {
    if (session != null && phase == Phase.RUNNING) {
      counts.setText("Watching. " + describe(session.counts()));
    }
  }

  private static String describe(WatchStatus.Counts c) {
    return c.done()
        + " done, "
        + c.failed()
        + " failed"
        + (c.skipped() > 0 ? ", " + c.skipped() + " skipped" : "")
        + (c.inFlight() > 0 ? ", " + c.inFlight() + " in flight" : "")
        + ".";
  }

  private void phase(Phase p) {
    phase = p;
    toggle.setText(
        switch (p) {
          case IDLE -> "Start watching";
          case STARTING -> "Starting…";
          case RUNNING -> "Stop watching";
          case STOPPING -> "Stopping…";
        });
    toggle.setDisable(p == Phase.STARTING || p == Phase.STOPPING);
  }

  private static HBox row(TextField field, Button browse) {
    HBox.setHgrow(field, Priority.ALWAYS);
    HBox box = new HBox(4, field, browse);
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }

  private static Button chooser(
      Dialogs dialogs, Supplier<Window> owner, TextField field, String title) {
    Button b = new Button("…");
    b.setOnAction(
        e ->
            dialogs
                .chooseFolder(
                    owner.get(),
                    title,
                    field.getText().isBlank() ? null : Path.of(field.getText().strip()))
                .ifPresent(p -> field.setText(p.toString())));
    return b;
  }
}
