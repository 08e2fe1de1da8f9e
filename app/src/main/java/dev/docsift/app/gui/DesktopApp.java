package dev.docsift.app.gui;

import dev.docsift.app.cli.GuiLauncher;
import dev.docsift.app.pages.PageImages;
import dev.docsift.app.service.PipelineDocumentService;
import dev.docsift.app.service.TaskRunner;
import dev.docsift.app.service.UserMessages;
import dev.docsift.app.service.WatchService;
import dev.docsift.app.settings.SettingsStore;
import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: builds the window on the real services and shows it. */
public final class DesktopApp extends Application {
  private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);

  /** The stylesheet of every window. */
  public static final String STYLESHEET =
      Objects.requireNonNull(DesktopApp.class.getResource("docsift.css")).toExternalForm();

  // Application.launch takes a class, not an instance: the options travel through here.
  private static volatile GuiLauncher.Request options = new GuiLauncher.Request(List.of(), null);
  private static volatile int exitCode;

  private MainWindow window;

  static void prepare(GuiLauncher.Request launchOptions) {
    options = launchOptions;
    exitCode = 0;
  }

  static int exitCode() {
    return exitCode;
  }

  static void exit(int code) {
    exitCode = code;
    Platform.exit();
  }

  @Override
  public void start(Stage stage) {
    SettingsStore store = SettingsStore.openDefault();
    SettingsStore.Loaded loaded = store.load();
    MainWindow.Services services =
        new MainWindow.Services(
            new PipelineDocumentService(loaded.settings().threads()),
            new PageImages(),
            new TaskRunner(Platform::runLater),
            WatchService.FOLDER_WATCHER,
            store,
            new FxDialogs());
    window = new MainWindow(services, loaded);
    // A defect on the JavaFX thread shows as a sentence in the status line, not a dead window.
    Thread.currentThread()
        .setUncaughtExceptionHandler(
            (t, e) -> {
              UserMessages.logDefect(LOG, "Unexpected failure on the JavaFX thread", e);
              window.reportDefect(UserMessages.of(e));
            });
    Scene scene = new Scene(window.root(), 1440, 900);
    scene.getStylesheets().add(STYLESHEET);
    stage.setTitle("docsift");
    stage.setMinWidth(900);
    stage.setMinHeight(560);
    stage.setScene(scene);
    stage.show();
    GuiLauncher.Request o = options;
    if (o.schema() != null) {
      window.schemas().select(o.schema());
    }
    window.open(o.files());
    if (o.screenshot() != null) {
      new Screenshot(window, scene, o.screenshot(), DesktopApp::exit).start();
    }
    if (o.startupReport()) {
      StartupReport.afterFirstFrame(scene, System.err, DesktopApp::exit);
    }
  }

  @Override
  public void stop() {
    if (window != null) {
      window.close();
    }
  }
}
