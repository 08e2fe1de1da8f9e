package dev.docsift.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Progress is coalesced on its way to the UI thread; terminal events never are. */
class CoalescingListenerTest {
  /** A UI thread that runs what it was given only when told to. */
  private static final class ManualUi implements Executor {
    final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runAll() {
      for (Runnable r = tasks.poll(); r != null; r = tasks.poll()) {
        r.run();
      }
    }
  }

  private static JobEvent.Progress progress(int page) {
    return new JobEvent.Progress(JobEvent.Stage.READING, page, 100, page / 100.0);
  }

  @Test
  void aBurstOfProgressReachesTheUiAsItsLatestThenTheEnd() {
    ManualUi ui = new ManualUi();
    List<JobEvent> seen = new ArrayList<>();
    CoalescingListener listener = new CoalescingListener(ui, seen::add);
    for (int page = 1; page <= 100; page++) {
      listener.on(progress(page));
    }
    listener.on(new JobEvent.Cancelled());
    assertThat(ui.tasks).as("one hand-over for the whole burst").hasSize(1);

    ui.runAll();

    assertThat(seen).containsExactly(progress(100), new JobEvent.Cancelled());
  }

  @Test
  void progressAfterTheEndIsDropped() {
    ManualUi ui = new ManualUi();
    List<JobEvent> seen = new ArrayList<>();
    CoalescingListener listener = new CoalescingListener(ui, seen::add);
    listener.on(progress(1));
    ui.runAll();
    listener.on(new JobEvent.Cancelled());
    ui.runAll();
    listener.on(progress(2)); // lost the race to the terminal event
    ui.runAll();

    assertThat(seen).containsExactly(progress(1), new JobEvent.Cancelled());
  }

  @Test
  void eventsArrivingDuringADrainAreHandedOverAgain() {
    ManualUi ui = new ManualUi();
    List<JobEvent> seen = new ArrayList<>();
    CoalescingListener[] self = new CoalescingListener[1];
    self[0] =
        new CoalescingListener(
            ui,
            e -> {
              seen.add(e);
              if (e.equals(progress(1))) {
                self[0].on(progress(2)); // a worker reporting while the UI thread drains
              }
            });
    self[0].on(progress(1));
    ui.runAll();

    assertThat(seen).containsExactly(progress(1), progress(2));
  }
}
