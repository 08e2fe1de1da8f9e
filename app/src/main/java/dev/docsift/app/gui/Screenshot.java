package dev.docsift.app.gui;

import dev.docsift.app.gui.queue.DocumentItem;
import dev.docsift.app.review.FormRow;
import dev.docsift.core.export.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.IntConsumer;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * The README's screenshot: waits for the queued documents, shows the first one with every overlay
 * on and its total selected, writes a PNG of the window and closes it ({@code scripts/screenshot}).
 */
final class Screenshot {
  private static final Duration POLL = Duration.millis(250);
  private static final long TIMEOUT_MS = 300_000;

  private final MainWindow window;
  private final Scene scene;
  private final Path target;
  private final IntConsumer exit;
  private final long started = System.currentTimeMillis();
  private Timeline poll;

  Screenshot(MainWindow window, Scene scene, Path target, IntConsumer exit) {
    this.window = window;
    this.scene = scene;
    this.target = target;
    this.exit = exit;
  }

  void start() {
    poll = new Timeline(new KeyFrame(POLL, e -> check()));
    poll.setCycleCount(Timeline.INDEFINITE);
    poll.play();
  }

  private void check() {
    var items = window.queue().items();
    boolean ended = !items.isEmpty() && items.stream().allMatch(i -> i.state().ended());
    if (System.currentTimeMillis() - started > TIMEOUT_MS) {
      fail("the documents were not read within " + TIMEOUT_MS / 1000 + " s");
      return;
    }
    if (!ended) {
      return;
    }
    poll.stop();
    Optional<DocumentItem> done =
        items.stream().filter(i -> i.state() == DocumentItem.State.DONE).findFirst();
    if (done.isEmpty()) {
      fail("no document was read: " + items.get(0).errorProperty().get());
      return;
    }
    window.queueView().list().getSelectionModel().clearAndSelect(items.indexOf(done.get()));
    window.viewer().wordsVisibleProperty().set(true);
    window.viewer().tilesVisibleProperty().set(true);
    window.viewer().valuesVisibleProperty().set(true);
    whenLoaded(this::selectTotal);
  }

  private void selectTotal() {
    window.queueView().list().getSelectionModel().getSelectedItem().review().rows().stream()
        .filter(r -> r instanceof FormRow.Field f && f.pointer().equals("/total"))
        .findFirst()
        .ifPresent(r -> window.form().select("/total"));
    window.viewer().select("/total");
    // A few pulses for layout and CSS to settle before the snapshot.
    PauseTransition settle = new PauseTransition(Duration.millis(800));
    settle.setOnFinished(e -> snapshot());
    settle.play();
  }

  private void whenLoaded(Runnable then) {
    if (window.viewer().loadedProperty().get()) {
      then.run();
      return;
    }
    window
        .viewer()
        .loadedProperty()
        .addListener(
            (o, was, now) -> {
              if (now) {
                then.run();
              }
            });
  }

  private void snapshot() {
    try {
      WritableImage image = scene.snapshot(null);
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(FxImages.toBuffered(image), "png", png);
      AtomicFiles.write(target, png.toByteArray());
      System.err.println("wrote " + target);
      exit.accept(0);
    } catch (IOException | RuntimeException e) {
      fail("cannot write " + target + ": " + e.getMessage());
    }
  }

  private void fail(String why) {
    if (poll != null) {
      poll.stop();
    }
    System.err.println("docsift gui --screenshot: " + why + ".");
    exit.accept(1);
  }
}
