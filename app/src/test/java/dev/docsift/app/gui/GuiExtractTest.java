package dev.docsift.app.gui;

import static dev.docsift.app.gui.GuiHarness.await;
import static dev.docsift.app.gui.GuiHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.docsift.app.gui.queue.DocumentItem;
import dev.docsift.core.model.FieldValue;
import dev.docsift.samples.DocumentType;
import dev.docsift.samples.Sample;
import dev.docsift.samples.SampleGenerator;
import java.nio.file.Path;
import javafx.scene.control.TextField;
import javafx.scene.shape.Rectangle;
import org.junit.jupiter.api.Test;

/**
 * A generated receipt dropped on the window: the form shows its total, the total's box is drawn
 * where the value was read, and selecting goes both ways between the form and the page.
 */
class GuiExtractTest extends GuiHarness.OcrWindowTest {
  /** A clean receipt whose total and tax OCR reads right (68.84 and 11.47). */
  private static final long SEED = SampleGenerator.seedFor(11, DocumentType.RECEIPT, 1);

  @Test
  void droppedReceiptShowsItsTotalAndItsBox() throws Exception {
    Path pdf = dir.resolve("receipt.pdf");
    Sample sample = GuiHarness.receipt(pdf, SEED);
    String total = sample.truth().get("total").asText();

    gui.drop(pdf);
    await("the receipt is queued", 10, () -> gui.window.queue().items().size() == 1);
    DocumentItem item = gui.item("receipt.pdf");
    assertThat(gui.awaitEnd(item, 120))
        .as(fx(() -> item.errorProperty().get()))
        .isEqualTo(DocumentItem.State.DONE);

    // The first document dropped is selected: the form and the page show it.
    await(
        "the form shows the total",
        10,
        () -> gui.window.form().field("/total").map(TextField::getText).orElse("").equals(total));
    await("the page is shown", 30, () -> gui.window.viewer().loadedProperty().get());

    // The total's box is drawn where the value was read: its bbox scaled to the page shown.
    FieldValue field = fx(() -> item.review().field("/total").orElseThrow());
    Rectangle box = fx(() -> gui.window.viewer().box("/total").orElseThrow());
    double[] size = fx(() -> gui.window.viewer().imageSize());
    double pad = 3;
    assertThat(box.getX() + pad).isCloseTo(field.bbox().x0() * size[0], within(0.5));
    assertThat(box.getY() + pad).isCloseTo(field.bbox().y0() * size[1], within(0.5));
    assertThat(box.getWidth() - 2 * pad)
        .isCloseTo((field.bbox().x1() - field.bbox().x0()) * size[0], within(0.5));
    assertThat(fx(box::isVisible)).isTrue();
    assertThat(fx(() -> box.getParent().isVisible())).as("the values overlay is on").isTrue();

    // Clicking the box selects the total in the form.
    robot.clickOn(box);
    await(
        "the total field is focused",
        10,
        () -> gui.window.form().field("/total").orElseThrow().isFocused());
    assertThat(fx(() -> gui.window.viewer().box("/total").orElseThrow().getStyleClass()))
        .contains("selected");

    // Clicking another value highlights its box and scrolls the page to it.
    TextField tax = fx(() -> gui.window.form().field("/tax").orElseThrow());
    robot.clickOn(tax);
    await(
        "the tax box is selected",
        10,
        () ->
            gui.window
                .viewer()
                .box("/tax")
                .map(r -> r.getStyleClass().contains("selected"))
                .orElse(false));
    assertThat(fx(() -> gui.window.viewer().box("/total").orElseThrow().getStyleClass()))
        .doesNotContain("selected");
    robot.clickOn("#zoom-in").clickOn("#zoom-in").clickOn("#zoom-in");
    robot.clickOn(tax);
    robot.clickOn(fx(() -> gui.window.form().field("/company").orElseThrow()));
    await(
        "the company box is scrolled into view", 10, () -> gui.window.viewer().inView("/company"));
    robot.clickOn(tax);
    await("the tax box is scrolled into view", 10, () -> gui.window.viewer().inView("/tax"));

    // The other overlays switch on: OCR words and the slm engine's tiles.
    assertThat(fx(() -> gui.window.viewer().wordsVisibleProperty().get())).isFalse();
    robot.clickOn("#toggle-words").clickOn("#toggle-tiles");
    assertThat(fx(() -> gui.window.viewer().wordsVisibleProperty().get())).isTrue();
    assertThat(fx(() -> gui.window.viewer().wordCount()))
        .isEqualTo(fx(() -> item.review().original().ocrPages().get(0).words().size()))
        .isGreaterThan(10);
    assertThat(fx(() -> gui.window.viewer().tileCount())).isBetween(1, 6);
    robot.clickOn("#toggle-values");
    assertThat(fx(() -> gui.window.viewer().box("/total").orElseThrow().getParent().isVisible()))
        .as("the values overlay is off")
        .isFalse();
  }
}
