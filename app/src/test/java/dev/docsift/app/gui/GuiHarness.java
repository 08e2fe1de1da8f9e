package dev.docsift.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.javafx.scene.input.DragboardHelper;
import dev.docsift.app.cli.Tesseract;
import dev.docsift.app.gui.queue.DocumentItem;
import dev.docsift.app.pages.PageImages;
import dev.docsift.app.service.DocumentService;
import dev.docsift.app.service.PipelineDocumentService;
import dev.docsift.app.service.TaskRunner;
import dev.docsift.app.service.WatchService;
import dev.docsift.app.settings.Settings;
import dev.docsift.app.settings.SettingsStore;
import dev.docsift.samples.Degradation;
import dev.docsift.samples.DocumentType;
import dev.docsift.samples.Sample;
import dev.docsift.samples.SampleFiles;
import dev.docsift.samples.SampleGenerator;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Builds the real window on real services in a test's stage, and reads its state safely. A window
 * test extends {@link WindowTest} (or {@link OcrWindowTest}), which sets the window up before each
 * test and closes it after.
 */
final class GuiHarness {
  /**
   * The TestFX lifecycle the window tests share: before each test, the real window in TestFX's
   * stage with a fresh settings folder under {@link #dir}; after it, the window closed. A test that
   * needs other services or settings overrides {@link #open}. The test is its own robot ({@link
   * #robot}).
   */
  abstract static class WindowTest extends ApplicationTest {
    @TempDir Path dir;

    /** The window of the current test. */
    GuiHarness gui;

    /** The stage the window shows in. */
    Stage stage;

    /** Looks nodes up, clicks and types. */
    final FxRobot robot = this;

    /** Builds the window; by default on real pipelines with the default settings. */
    GuiHarness open(Stage stage, Path configDir) {
      return GuiHarness.start(stage, configDir);
    }

    @Override
    public final void start(Stage stage) {
      this.stage = stage;
      gui = open(stage, dir.resolve("config"));
    }

    @Override
    public final void stop() {
      gui.window.close();
    }
  }

  /** A window test that reads documents with Tesseract: skipped where it is not installed. */
  abstract static class OcrWindowTest extends WindowTest {
    @BeforeAll
    static void needsTesseract() {
      assumeThat(Tesseract.installed()).as("tesseract-ocr is not installed").isTrue();
    }
  }

  final MainWindow window;
  final FakeDialogs dialogs = new FakeDialogs();
  final Scene scene;

  private GuiHarness(Stage stage, Path configDir, DocumentService documents) {
    SettingsStore store = new SettingsStore(configDir);
    window =
        new MainWindow(
            new MainWindow.Services(
                documents,
                new PageImages(),
                new TaskRunner(Platform::runLater),
                WatchService.FOLDER_WATCHER,
                store,
                dialogs),
            store.load());
    scene = new Scene(window.root(), 1280, 800);
    scene.getStylesheets().add(DesktopApp.STYLESHEET);
    stage.setScene(scene);
    stage.show();
  }

  /** The window on real pipelines with the default settings; call from a {@code @Start} method. */
  static GuiHarness start(Stage stage, Path configDir) {
    return new GuiHarness(stage, configDir, new PipelineDocumentService(1));
  }

  /** The window on the given document service. */
  static GuiHarness start(Stage stage, Path configDir, DocumentService documents) {
    return new GuiHarness(stage, configDir, documents);
  }

  /** The window with saved settings that read this many documents at once. */
  static GuiHarness start(Stage stage, Path configDir, int threads) {
    Settings d = Settings.defaults();
    try {
      new SettingsStore(configDir)
          .save(
              new Settings(
                  d.tessdata(),
                  d.languages(),
                  d.defaultSchema(),
                  threads,
                  d.modelsDir(),
                  d.provider()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new GuiHarness(stage, configDir, new PipelineDocumentService(1));
  }

  /** Runs on the JavaFX thread and returns the value. */
  static <T> T fx(Callable<T> callable) {
    try {
      return WaitForAsyncUtils.asyncFx(callable).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the JavaFX thread did not answer: " + e, e);
    }
  }

  /** Runs on the JavaFX thread and waits. */
  static void fxRun(Runnable runnable) {
    fx(
        () -> {
          runnable.run();
          return null;
        });
  }

  /** Waits until a condition read on the JavaFX thread holds. */
  static void await(String what, long seconds, Callable<Boolean> condition) {
    try {
      WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
    } catch (Exception e) {
      throw new AssertionError("timed out after " + seconds + " s waiting until " + what, e);
    }
  }

  /**
   * Drops files on the window as a drag from the desktop would: a drag-over the window accepts,
   * then a drop with the files on its dragboard.
   */
  void drop(Path... files) {
    fxRun(
        () -> {
          Dragboard board = DragboardHelper.createDragboard(new DropClipboard());
          List<File> list = Arrays.stream(files).map(Path::toFile).toList();
          board.setContent(Map.of(DataFormat.FILES, list));
          Node root = window.root();
          DragEvent over =
              new DragEvent(
                  DragEvent.DRAG_OVER,
                  board,
                  400,
                  300,
                  400,
                  300,
                  TransferMode.COPY,
                  null,
                  null,
                  null);
          Event.fireEvent(root, over);
          assertThat(over.getAcceptedTransferMode()).as("the window accepts the drag").isNotNull();
          DragEvent drop =
              new DragEvent(
                  DragEvent.DRAG_DROPPED,
                  board,
                  400,
                  300,
                  400,
                  300,
                  TransferMode.COPY,
                  null,
                  null,
                  null);
          Event.fireEvent(root, drop);
        });
  }

  /**
   * A button on a document's row.
   *
   * @param robot looks the row up
   * @param name the document's file name
   * @param styleClass {@code cancel}, {@code retry} or {@code remove}
   * @return the button
   */
  static Node rowButton(FxRobot robot, String name, String styleClass) {
    return fx(
        () -> {
          for (Node n : robot.lookup(".list-cell").queryAll()) {
            if (n instanceof ListCell<?> cell
                && cell.getItem() instanceof DocumentItem item
                && item.name().equals(name)) {
              return cell.lookup(".row-button." + styleClass);
            }
          }
          throw new AssertionError("no row shows " + name);
        });
  }

  /** The queue's items. */
  List<DocumentItem> items() {
    return fx(() -> List.copyOf(window.queue().items()));
  }

  /** The first item whose file has the name. */
  DocumentItem item(String name) {
    return fx(
        () ->
            window.queue().items().stream()
                .filter(i -> i.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in the queue")));
  }

  /** Waits until a document ended, and returns its state. */
  DocumentItem.State awaitEnd(DocumentItem item, long seconds) {
    await(item.name() + " ends", seconds, () -> item.state().ended());
    return fx(item::state);
  }

  /** Selects a document in the queue. */
  void select(DocumentItem item) {
    fxRun(
        () ->
            window
                .queueView()
                .list()
                .getSelectionModel()
                .clearAndSelect(window.queue().items().indexOf(item)));
  }

  /** A clean generated receipt written as a PDF, with its truth. */
  static Sample receipt(Path file, long seed) throws IOException {
    Sample sample = new SampleGenerator(Degradation.CLEAN).generate(DocumentType.RECEIPT, seed);
    SampleFiles.writePdf(sample, file);
    return sample;
  }

  /** A long image-only PDF: the same small page again and again, cheap to write and to read. */
  static void longPdf(Path file, int pages) throws IOException {
    BufferedImage page =
        new BufferedImage(827, 1169, BufferedImage.TYPE_BYTE_GRAY); // A4 at 100 dpi
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, page.getWidth(), page.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 28));
    g.drawString("Harbour Cafe", 80, 120);
    g.drawString("Coffee          3.50", 80, 300);
    g.drawString("TOTAL           9.00", 80, 700);
    g.dispose();
    SampleFiles.writeRepeatedPagePdf(file, pages, page, 100);
  }
}
