package dev.docsift.app.gui;

import static dev.docsift.app.gui.GuiHarness.await;
import static dev.docsift.app.gui.GuiHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.samples.SampleFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import org.junit.jupiter.api.Test;

/** A folder watched from the window: the same service as docsift watch, counts on screen. */
class GuiWatchTest extends GuiHarness.OcrWindowTest {

  @Test
  void aWatchedFolderCountsWhatItDoesAndStops() throws Exception {
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    Path outbox = dir.resolve("outbox");
    // Unfolded without its animation: a click during it can land where the button is not yet.
    GuiHarness.fxRun(
        () -> robot.lookup("#watch-pane").queryAs(TitledPane.class).setAnimated(false));
    robot.clickOn("#watch-pane");
    await(
        "the panel is open",
        5,
        () -> robot.lookup("#watch-toggle").queryAs(Button.class).isVisible());
    Label counts = robot.lookup("#watch-counts").queryAs(Label.class);
    robot.clickOn("#watch-toggle");
    assertThat(fx(() -> robot.lookup("#watch-last").queryAs(Label.class).getText()))
        .contains("Choose an inbox and an outbox");

    // Paths are set rather than typed: the robot types a character at a time.
    GuiHarness.fxRun(
        () -> {
          robot.lookup("#watch-inbox").queryAs(TextField.class).setText(inbox.toString());
          robot.lookup("#watch-outbox").queryAs(TextField.class).setText(outbox.toString());
        });
    robot.clickOn("#watch-toggle");
    await("watching", 30, () -> counts.getText().startsWith("Watching."));
    assertThat(fx(() -> robot.lookup("#watch-inbox").queryAs(TextField.class).isDisabled()))
        .isTrue();

    // A document written elsewhere and moved in, as a scanner or a mail rule would.
    Path staged = dir.resolve("cafe.png");
    SampleFiles.writePng(page(), 150, staged);
    Files.move(staged, inbox.resolve("cafe.png"), StandardCopyOption.ATOMIC_MOVE);
    Files.writeString(inbox.resolve("junk.pdf"), "not a pdf");
    await("one done, one failed", 60, () -> counts.getText().contains("1 done, 1 failed"));
    assertThat(outbox.resolve("cafe.json")).exists();
    assertThat(inbox.resolve(".failed").resolve("junk.pdf.error.json")).exists();
    assertThat(fx(() -> robot.lookup("#watch-last").queryAs(Label.class).getText()))
        .containsAnyOf("cafe.png", "DS10");

    robot.clickOn("#watch-toggle");
    await("stopped", 30, () -> counts.getText().startsWith("Stopped."));
    assertThat(fx(counts::getText)).contains("1 done, 1 failed");
    assertThat(fx(() -> robot.lookup("#watch-inbox").queryAs(TextField.class).isDisabled()))
        .isFalse();
  }

  private static BufferedImage page() {
    BufferedImage page = new BufferedImage(700, 400, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 700, 400);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 32));
    g.drawString("Harbour Cafe", 40, 80);
    g.drawString("TOTAL 9.00", 40, 300);
    g.dispose();
    return page;
  }
}
