package dev.docsift.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one scheduler every place that runs documents uses. Timeouts only guard against hangs. */
class DocumentSchedulerTest {
  private static final long WAIT = 10;

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(WAIT, TimeUnit.SECONDS)).as("latched in time").isTrue();
  }

  @Test
  void neverRunsMoreJobsAtOnceThanItsConcurrency() throws Exception {
    AtomicInteger active = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch twoStarted = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    try (DocumentScheduler scheduler = new DocumentScheduler("docsift-test", 2)) {
      List<DocumentScheduler.Ticket<Integer>> tickets = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        tickets.add(
            scheduler.submit(
                c -> {
                  most.accumulateAndGet(active.incrementAndGet(), Math::max);
                  twoStarted.countDown();
                  release.await(WAIT, TimeUnit.SECONDS);
                  active.decrementAndGet();
                  return n;
                }));
      }
      await(twoStarted);
      release.countDown();
      for (int i = 0; i < tickets.size(); i++) {
        assertThat(tickets.get(i).get()).isEqualTo(i);
      }
    }
    assertThat(most).hasValue(2);
  }

  @Test
  void aRaisedConcurrencyStartsQueuedJobs() throws Exception {
    CountDownLatch allStarted = new CountDownLatch(3);
    CountDownLatch release = new CountDownLatch(1);
    try (DocumentScheduler scheduler = new DocumentScheduler("docsift-test", 1)) {
      for (int i = 0; i < 3; i++) {
        scheduler.submit(
            c -> {
              allStarted.countDown();
              return release.await(WAIT, TimeUnit.SECONDS);
            });
      }
      scheduler.setConcurrency(3);
      assertThat(scheduler.concurrency()).isEqualTo(3);
      await(allStarted);
      release.countDown();
    }
  }

  @Test
  void aCancelledQueuedJobNeverRunsAndARunningOneSeesItsToken() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean queuedRan = new AtomicBoolean();
    try (DocumentScheduler scheduler = new DocumentScheduler("docsift-test", 1)) {
      DocumentScheduler.Ticket<String> running =
          scheduler.submit(
              c -> {
                started.countDown();
                while (!c.isCancelled()) {
                  Thread.sleep(5);
                }
                c.check();
                return "not cancelled";
              });
      DocumentScheduler.Ticket<String> queued =
          scheduler.submit(
              c -> {
                queuedRan.set(true);
                return "ran";
              });
      await(started);

      assertThat(queued.cancel()).as("stopped before it started").isTrue();
      assertThat(queued.isDone()).isTrue();
      assertThatThrownBy(queued::get).isInstanceOf(CancellationException.class);

      assertThat(running.cancel()).as("already running").isFalse();
      assertThatThrownBy(running::get)
          .isInstanceOf(ExecutionException.class)
          .cause()
          .hasMessage("Cancelled.");
      assertThat(running.cancel()).as("harmless twice").isFalse();
    }
    assertThat(queuedRan).isFalse();
  }

  @Test
  void aJobsTokenFollowsTheCallersButNeverCancelsIt() throws Exception {
    Cancellation batch = new Cancellation();
    try (DocumentScheduler scheduler = new DocumentScheduler("docsift-test", 2)) {
      CountDownLatch started = new CountDownLatch(2);
      DocumentScheduler.Ticket<Boolean> one =
          scheduler.submit(
              c -> {
                started.countDown();
                while (!c.isCancelled()) {
                  Thread.sleep(5);
                }
                return true;
              },
              batch);
      DocumentScheduler.Ticket<Boolean> two =
          scheduler.submit(
              c -> {
                started.countDown();
                while (!c.isCancelled()) {
                  Thread.sleep(5);
                }
                return true;
              },
              batch);
      await(started);
      one.cancel();
      assertThat(one.get()).isTrue();
      assertThat(batch.isCancelled()).as("the caller's token is left alone").isFalse();
      assertThat(two.cancellation().isCancelled()).isFalse();

      batch.cancel();
      assertThat(two.get()).as("the caller's token reaches the job").isTrue();
    }
  }

  @Test
  void aFailingJobDoesNotKillItsWorker() throws Exception {
    try (DocumentScheduler scheduler = new DocumentScheduler("docsift-test", 1)) {
      DocumentScheduler.Ticket<String> failing =
          scheduler.submit(
              c -> {
                throw new IllegalStateException("boom");
              });
      DocumentScheduler.Ticket<String> erring =
          scheduler.submit(
              c -> {
                throw new StackOverflowError("deep");
              });
      DocumentScheduler.Ticket<String> next =
          scheduler.submit(c -> Thread.currentThread().getName());

      assertThatThrownBy(failing::get).cause().hasMessage("boom");
      assertThatThrownBy(erring::get).cause().isInstanceOf(StackOverflowError.class);
      assertThat(next.get()).as("the same worker went on").isEqualTo("docsift-test-1");
    }
  }

  @Test
  void workersAreNamedDaemonThreadsOfTheGivenPriority() throws Exception {
    DocumentScheduler.Settings settings =
        DocumentScheduler.Settings.of("docsift-named", 1).withPriority(Thread.NORM_PRIORITY - 1);
    try (DocumentScheduler scheduler = new DocumentScheduler(settings)) {
      Thread worker = scheduler.submit(c -> Thread.currentThread()).get();
      assertThat(worker.getName()).isEqualTo("docsift-named-1");
      assertThat(worker.isDaemon()).isTrue();
      assertThat(worker.getPriority()).isEqualTo(Thread.NORM_PRIORITY - 1);
    }
  }

  @Test
  void aJobNeverStartsInterruptedAfterOneThatLeftItsThreadInterrupted() throws Exception {
    try (DocumentScheduler scheduler = new DocumentScheduler("docsift-test", 1)) {
      scheduler.submit(
          c -> {
            Thread.currentThread().interrupt();
            return null;
          });
      assertThat(scheduler.submit(c -> Thread.currentThread().isInterrupted()).get()).isFalse();
    }
  }

  @Test
  void aFullQueueAndAClosedSchedulerRefuseJobs() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    DocumentScheduler scheduler =
        new DocumentScheduler(
            DocumentScheduler.Settings.of("docsift-test", 1).withQueueCapacity(1));
    try {
      scheduler.submit(
          c -> {
            started.countDown();
            return release.await(WAIT, TimeUnit.SECONDS);
          });
      await(started);
      scheduler.submit(c -> true);
      assertThatThrownBy(() -> scheduler.submit(c -> true))
          .isInstanceOf(RejectedExecutionException.class);
    } finally {
      release.countDown();
      scheduler.close();
    }
    assertThatThrownBy(() -> scheduler.submit(c -> true))
        .isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void closeDropsQueuedJobsAndWaitsForCancelledOnesToStop() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    DocumentScheduler scheduler =
        new DocumentScheduler(
            DocumentScheduler.Settings.of("docsift-test", 1)
                .withClose(Duration.ZERO, Duration.ofSeconds(WAIT)));
    Cancellation caller = new Cancellation();
    DocumentScheduler.Ticket<String> running =
        scheduler.submit(
            c -> {
              started.countDown();
              while (!c.isCancelled()) {
                Thread.sleep(5);
              }
              return "stopped";
            },
            caller);
    DocumentScheduler.Ticket<String> queued = scheduler.submit(c -> "ran");
    await(started);

    scheduler.close();

    assertThat(running.isDone()).as("close waited for it").isTrue();
    assertThat(running.get()).isEqualTo("stopped");
    assertThatThrownBy(queued::get).isInstanceOf(CancellationException.class);
    assertThat(caller.isCancelled()).as("the caller's token is left alone").isFalse();
    assertThat(scheduler.awaitTermination(Duration.ofSeconds(WAIT))).isTrue();
    scheduler.close(); // harmless twice
  }

  @Test
  void closeGivesUpOnAJobThatIgnoresItsToken() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    DocumentScheduler scheduler =
        new DocumentScheduler(
            DocumentScheduler.Settings.of("docsift-test", 1)
                .withClose(Duration.ofMillis(20), Duration.ofMillis(20)));
    DocumentScheduler.Ticket<Boolean> stuck =
        scheduler.submit(
            c -> {
              started.countDown();
              return release.await(WAIT, TimeUnit.SECONDS);
            });
    await(started);

    scheduler.close();

    assertThat(stuck.isDone()).as("close returned while the job still runs").isFalse();
    assertThat(stuck.cancellation().isCancelled()).as("it was asked to stop").isTrue();
    release.countDown();
    assertThat(stuck.get()).isTrue();
    assertThat(scheduler.awaitTermination(Duration.ofSeconds(WAIT))).isTrue();
  }
}
