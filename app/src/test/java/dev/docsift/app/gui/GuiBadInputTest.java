package dev.docsift.app.gui;

import static dev.docsift.app.gui.GuiHarness.await;
import static dev.docsift.app.gui.GuiHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.app.gui.queue.DocumentItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;

/** Files docsift cannot read fail on their own rows with a sentence and its code. */
class GuiBadInputTest extends GuiHarness.OcrWindowTest {

  @Test
  void badFilesShowTheirErrorOnTheirRow() throws Exception {
    Path notPdf = Files.writeString(dir.resolve("notes.pdf"), "these are notes, not a PDF\n");
    Path empty = Files.createFile(dir.resolve("empty.png"));
    Path broken = Files.write(dir.resolve("broken.pdf"), "%PDF-1.7\n1 0 obj <<".getBytes());

    gui.drop(notPdf, empty, broken);
    await("three rows", 10, () -> gui.window.queue().items().size() == 3);
    for (DocumentItem item : gui.items()) {
      assertThat(gui.awaitEnd(item, 60)).isEqualTo(DocumentItem.State.FAILED);
    }
    assertThat(fx(() -> gui.item("notes.pdf").errorProperty().get()))
        .startsWith("DS105 ")
        .contains("notes.pdf", "not a PDF, PNG, JPEG or TIFF");
    assertThat(fx(() -> gui.item("empty.png").errorProperty().get())).startsWith("DS104 ");
    assertThat(fx(() -> gui.item("broken.pdf").errorProperty().get())).startsWith("DS106 ");

    // The sentences are on the rows, visible, and no stack trace is anywhere.
    List<String> shown =
        fx(
            () ->
                robot.lookup(".doc-error").queryAllAs(Label.class).stream()
                    .filter(Node::isVisible)
                    .map(Label::getText)
                    .toList());
    assertThat(shown)
        .hasSize(3)
        .allMatch(t -> t.matches("DS1\\d\\d .+"))
        .noneMatch(t -> t.contains("Exception") || t.contains("\tat "));
    assertThat(fx(() -> robot.lookup("#counts").queryAs(Label.class).getText()))
        .contains("3 failed");

    // A failed document can be retried (and fails the same way) or removed.
    DocumentItem notes = gui.item("notes.pdf");
    List<DocumentItem.State> seen = new CopyOnWriteArrayList<>();
    GuiHarness.fxRun(() -> notes.stateProperty().addListener((o, was, now) -> seen.add(now)));
    robot.clickOn(GuiHarness.rowButton(robot, "notes.pdf", "retry"));
    await(
        "the retry ran and failed again",
        60,
        () ->
            seen.contains(DocumentItem.State.QUEUED) && notes.state() == DocumentItem.State.FAILED);
    assertThat(fx(() -> notes.errorProperty().get())).startsWith("DS105 ");
    robot.clickOn(GuiHarness.rowButton(robot, "notes.pdf", "remove"));
    await("the row is gone", 10, () -> gui.window.queue().items().size() == 2);
  }
}
