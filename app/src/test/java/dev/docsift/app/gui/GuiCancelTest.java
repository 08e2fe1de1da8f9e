package dev.docsift.app.gui;

import static dev.docsift.app.gui.GuiHarness.await;
import static dev.docsift.app.gui.GuiHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.app.gui.queue.DocumentItem;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;

/** Cancel stops a long document at its next page, and a queued one before it starts. */
class GuiCancelTest extends GuiHarness.OcrWindowTest {
  private static final int PAGES = 40;

  @Override
  GuiHarness open(Stage stage, Path configDir) {
    return GuiHarness.start(stage, configDir, 2);
  }

  @Test
  void cancelStopsALongDocumentAndAQueuedOne() throws Exception {
    // Two workers: two documents run, the third waits in the queue.
    for (String name : new String[] {"a.pdf", "b.pdf", "c.pdf"}) {
      GuiHarness.longPdf(dir.resolve(name), PAGES);
    }
    gui.drop(dir.resolve("a.pdf"), dir.resolve("b.pdf"), dir.resolve("c.pdf"));
    await("three rows", 10, () -> gui.window.queue().items().size() == 3);
    DocumentItem a = gui.item("a.pdf");
    DocumentItem b = gui.item("b.pdf");
    DocumentItem c = gui.item("c.pdf");

    // a is well under way: a few pages read, most to go.
    await("a reads its pages", 60, () -> a.progressProperty().get() > 2.0 / PAGES);
    assertThat(fx(c::state)).isEqualTo(DocumentItem.State.QUEUED);

    // The queued one ends at once, without running.
    robot.clickOn(GuiHarness.rowButton(robot, "c.pdf", "cancel"));
    await("c is cancelled", 5, () -> c.state() == DocumentItem.State.CANCELLED);

    long clicked = System.nanoTime();
    robot.clickOn(GuiHarness.rowButton(robot, "a.pdf", "cancel"));
    assertThat(fx(a::state)).isIn(DocumentItem.State.CANCELLING, DocumentItem.State.CANCELLED);
    await("a is cancelled", 20, () -> a.state() == DocumentItem.State.CANCELLED);
    double seconds = (System.nanoTime() - clicked) / 1e9;
    assertThat(seconds).as("cancelled within a page or two").isLessThan(10);
    assertThat(fx(a::review)).isNull();
    assertThat(fx(() -> a.progressProperty().get())).isZero();

    // The freed worker takes no cancelled document; b goes on to the end.
    assertThat(fx(c::state)).isEqualTo(DocumentItem.State.CANCELLED);
    robot.clickOn(GuiHarness.rowButton(robot, "b.pdf", "cancel"));
    await("b is cancelled", 20, () -> b.state() == DocumentItem.State.CANCELLED);

    // Retry runs a cancelled document again from the start.
    robot.clickOn(GuiHarness.rowButton(robot, "c.pdf", "retry"));
    await("c runs again", 30, () -> c.state() == DocumentItem.State.RUNNING);
    robot.clickOn(GuiHarness.rowButton(robot, "c.pdf", "remove"));
    await("c is gone", 5, () -> gui.window.queue().items().size() == 2);
  }
}
