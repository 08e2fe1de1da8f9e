package dev.docsift.app.service;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands a job's events to the UI's thread without flooding it: progress that arrives faster than
 * the UI thread drains it is coalesced to the latest, while terminal events are always delivered,
 * after any progress before them. The target sees events in their order, on the executor.
 *
 * <p>This is the seam between worker threads and the window: the window passes its UI thread
 * ({@code Platform::runLater}), tests pass {@code Runnable::run}.
 */
public final class CoalescingListener implements JobListener {
  private final Executor ui;
  private final JobListener target;
  private final AtomicReference<JobEvent.Progress> latest = new AtomicReference<>();
  private final Queue<JobEvent> terminal = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean ended;

  /**
   * Wraps a listener.
   *
   * @param ui runs the target's calls, such as the JavaFX application thread
   * @param target the listener that updates the UI
   */
  public CoalescingListener(Executor ui, JobListener target) {
    this.ui = Objects.requireNonNull(ui, "ui");
    this.target = Objects.requireNonNull(target, "target");
  }

  @Override
  public void on(JobEvent event) {
    if (event instanceof JobEvent.Progress p) {
      latest.set(p);
    } else {
      terminal.add(event);
    }
    if (scheduled.compareAndSet(false, true)) {
      ui.execute(this::drain);
    }
  }

  private void drain() {
    // Cleared first: an event arriving during the drain schedules another one.
    scheduled.set(false);
    JobEvent.Progress p = latest.getAndSet(null);
    // A progress event can lose the race with the terminal one into the next drain: drop it then.
    if (p != null && !ended) {
      target.on(p);
    }
    for (JobEvent e = terminal.poll(); e != null; e = terminal.poll()) {
      ended = true;
      target.on(e);
    }
  }
}
