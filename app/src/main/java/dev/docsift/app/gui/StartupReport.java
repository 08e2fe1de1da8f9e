package dev.docsift.app.gui;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntConsumer;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;

/**
 * {@code docsift gui --startup-report}: prints how long after the process started the window's
 * first frame was on screen, then closes the window. The installer's smoke test reads it for the
 * cold start figure.
 */
final class StartupReport {
  private StartupReport() {}

  /**
   * Reports once the scene's first frame has been drawn.
   *
   * @param scene the window's scene, already showing
   * @param out where the line goes
   * @param exit closes the application with an exit code
   */
  static void afterFirstFrame(Scene scene, PrintStream out, IntConsumer exit) {
    Instant started = processStart();
    // A pulse renders the frame its layout produced and the next pulse waits for that render, so
    // the second pulse after showing is the first moment a frame is known to be on screen. The
    // timer keeps pulses coming even when nothing in the scene changes.
    new AnimationTimer() {
      private int pulses;

      @Override
      public void handle(long now) {
        if (scene.getWindow() == null || !scene.getWindow().isShowing() || ++pulses < 2) {
          return;
        }
        stop();
        long millis = Duration.between(started, Instant.now()).toMillis();
        out.println("docsift window: first frame " + millis + " ms after the process started");
        out.flush();
        exit.accept(0);
      }
    }.start();
  }

  /** The process's start (the launcher's, for an installed app), or the JVM's where unknown. */
  private static Instant processStart() {
    return ProcessHandle.current()
        .info()
        .startInstant()
        .orElseGet(() -> Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
  }
}
