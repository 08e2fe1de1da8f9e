package dev.docsift.app.gui;

import static dev.docsift.app.gui.GuiHarness.await;
import static dev.docsift.app.gui.GuiHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.app.gui.queue.DocumentItem;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;

/**
 * While a 50-page PDF is read, the JavaFX thread is never busy for more than a moment: a probe
 * posts a task to it every 20 ms and measures how long each waits and how much the thread worked
 * meanwhile, while a user clicks around.
 */
class GuiResponsivenessTest extends GuiHarness.OcrWindowTest {
  private static final int PAGES = 50;

  /**
   * The most CPU the JavaFX thread may spend between two probes: a task that long on it (a page
   * rendered or read there, a file hashed) is what freezes a window; building the form when the
   * document is done takes about a hundred. Measured as CPU, not wall time, so that a machine busy
   * with other builds, which delays the thread without it working, does not fail the test.
   */
  private static final long MAX_BUSY_MS = 250;

  /**
   * The longest any probe may wait, however busy the machine: a window blocked on the document
   * (waiting for it on the JavaFX thread) would wait for all 50 pages, many seconds.
   */
  private static final long MAX_WAIT_MS = 3000;

  @Test
  void theWindowAnswersWhileALongDocumentIsRead() throws Exception {
    Path pdf = dir.resolve("long.pdf");
    GuiHarness.longPdf(pdf, PAGES);

    List<Long> waits = new CopyOnWriteArrayList<>();
    List<Long> busy = new CopyOnWriteArrayList<>();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long[] lastCpu = new long[1]; // JavaFX thread only
    AtomicBoolean probing = new AtomicBoolean(true);
    Thread probe =
        new Thread(
            () -> {
              while (probing.get()) {
                long posted = System.nanoTime();
                Platform.runLater(
                    () -> {
                      long now = cpu.getCurrentThreadCpuTime();
                      waits.add((System.nanoTime() - posted) / 1_000_000);
                      // CPU the JavaFX thread spent since it ran the previous probe: one long task
                      // shows here whole, while a backlog of short ones (a starved thread catching
                      // up) runs probes in between.
                      if (lastCpu[0] != 0) {
                        busy.add((now - lastCpu[0]) / 1_000_000);
                      }
                      lastCpu[0] = now;
                    });
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "fx-probe");
    probe.setDaemon(true);

    List<Double> progress = new CopyOnWriteArrayList<>();
    gui.drop(pdf);
    await("one row", 10, () -> gui.window.queue().items().size() == 1);
    DocumentItem item = gui.item("long.pdf");
    GuiHarness.fxRun(
        () ->
            item.progressProperty().addListener((o, was, now) -> progress.add(now.doubleValue())));
    await("the document runs", 30, () -> item.state() == DocumentItem.State.RUNNING);
    probe.start();
    long t0 = System.nanoTime();
    // A user clicking about meanwhile: the watch panel, the tabs, the viewer's buttons.
    while (!fx(() -> item.state().ended())
        && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(240)) {
      robot.clickOn("#watch-pane").clickOn("#tab-json").clickOn("#tab-fields");
      robot.clickOn("#toggle-words").clickOn("#toggle-words");
      robot.sleep(200);
    }
    probing.set(false);
    probe.join();

    assertThat(fx(item::state))
        .as(fx(() -> item.errorProperty().get()))
        .isEqualTo(DocumentItem.State.DONE);
    assertThat(fx(() -> item.review().original().pages())).isEqualTo(PAGES);
    assertThat(waits).as("probes answered").hasSizeGreaterThan(50);
    long worst = waits.stream().mapToLong(Long::longValue).max().orElseThrow();
    long worstBusy = busy.stream().mapToLong(Long::longValue).max().orElseThrow();
    double mean = waits.stream().mapToLong(Long::longValue).average().orElseThrow();
    System.err.printf(
        "FX thread while reading %d pages: %d probes, mean wait %.1f ms, worst %d ms, most CPU"
            + " between two probes %d ms%n",
        PAGES, waits.size(), mean, worst, worstBusy);
    assertThat(worstBusy)
        .as("the JavaFX thread's longest stretch of work, ms")
        .isLessThan(MAX_BUSY_MS);
    assertThat(worst).as("the longest wait of the JavaFX thread, ms").isLessThan(MAX_WAIT_MS);
    // The row's progress bar moved page by page, never backwards.
    assertThat(progress.stream().distinct().count())
        .as("progress updates")
        .isGreaterThan(PAGES / 2);
    assertThat(progress).isSorted();
  }
}
