package dev.docsift.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The cold start report waits for a drawn frame, prints one line and closes with 0. */
@ExtendWith(ApplicationExtension.class)
class StartupReportTest {
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    stage.setScene(new Scene(new Label("docsift"), 200, 100));
    stage.show();
  }

  @Test
  void reportsTheFirstFrameAndExitsWithZero() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Platform.runLater(() -> StartupReport.afterFirstFrame(stage.getScene(), out, exit::complete));

    assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
    String line = bytes.toString(StandardCharsets.UTF_8).strip();
    assertThat(line).matches("docsift window: first frame \\d+ ms after the process started");
    long millis = Long.parseLong(line.replaceAll("\\D+", " ").strip().split(" ")[0]);
    // The process started before this test did, and not an hour ago.
    assertThat(millis).isPositive().isLessThan(3_600_000);
  }
}
