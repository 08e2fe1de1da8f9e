package dev.docsift.app.service;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs short background work (loading a schema, listing model packs, writing an export) off the UI
 * thread and hands its outcome back on it. The window gives the JavaFX thread; tests give {@code
 * Runnable::run} for both, which makes everything synchronous.
 */
public final class TaskRunner implements AutoCloseable {
  private final Executor background;
  private final Executor ui;
  private final ExecutorService owned;

  /**
   * A runner with its own daemon threads.
   *
   * @param ui the UI thread, such as {@code Platform::runLater}
   */
  public TaskRunner(Executor ui) {
    AtomicInteger counter = new AtomicInteger();
    this.owned =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "docsift-task-" + counter.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.background = owned;
    this.ui = Objects.requireNonNull(ui, "ui");
  }

  /**
   * A runner on given executors.
   *
   * @param background runs the work
   * @param ui runs the callbacks
   */
  public TaskRunner(Executor background, Executor ui) {
    this.background = Objects.requireNonNull(background, "background");
    this.ui = Objects.requireNonNull(ui, "ui");
    this.owned = null;
  }

  /**
   * Runs work in the background.
   *
   * @param work the work; may throw
   * @param onSuccess gets its value, on the UI thread
   * @param onFailure gets what it threw, on the UI thread
   * @param <T> the value's type
   */
  public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
    background.execute(
        () -> {
          T value;
          try {
            value = work.call();
          } catch (Exception e) {
            ui.execute(() -> onFailure.accept(e));
            return;
          }
          ui.execute(() -> onSuccess.accept(value));
        });
  }

  /** The UI thread's executor. */
  public Executor ui() {
    return ui;
  }

  /** Stops the runner's own threads, if it has any. */
  @Override
  public void close() {
    if (owned != null) {
      owned.shutdownNow();
    }
  }
}
