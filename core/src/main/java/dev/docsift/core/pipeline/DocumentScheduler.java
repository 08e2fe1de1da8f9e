package dev.docsift.core.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs documents on a bounded pool of named daemon worker threads, at most {@linkplain
 * #concurrency() a set number} at once, in submission order. Every place that runs documents (a
 * batch, the inbox watcher, the desktop window) schedules them here.
 *
 * <p>Each job gets its own {@link Cancellation}, a {@linkplain Cancellation#child() child} of the
 * token it was submitted with, so cancelling one job (or closing the scheduler) never cancels the
 * caller's token. Running jobs are only ever stopped through that token, never by interrupting
 * their thread: an interrupt closes any {@link java.nio.channels.FileChannel} the thread is using
 * (a journal, a result being written and fsynced), which would turn a clean stop into a torn write.
 *
 * <p>A job that throws, or fails with an error, completes its ticket exceptionally; its worker goes
 * on with the next job. Thread-safe.
 */
public final class DocumentScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentScheduler.class);

  /**
   * How a scheduler's threads are made and how long its close waits.
   *
   * @param threadName worker threads are named {@code threadName-1}, {@code threadName-2}, ...
   * @param concurrency how many jobs run at once, at least 1
   * @param queueCapacity how many jobs may wait beyond those running; a submit past it is refused
   * @param priority the worker threads' priority
   * @param idleTimeout how long an idle worker thread lives; zero keeps it until close
   * @param drainWait how long {@link #close()} lets running jobs finish before it cancels them
   * @param cancelGrace how long {@link #close()} then waits for cancelled jobs to stop
   */
  public record Settings(
      String threadName,
      int concurrency,
      int queueCapacity,
      int priority,
      Duration idleTimeout,
      Duration drainWait,
      Duration cancelGrace) {
    /** Checks the values. */
    public Settings {
      Objects.requireNonNull(threadName, "threadName");
      checkConcurrency(concurrency);
      if (queueCapacity < 1) {
        throw new IllegalArgumentException("queueCapacity must be at least 1: " + queueCapacity);
      }
      if (priority < Thread.MIN_PRIORITY || priority > Thread.MAX_PRIORITY) {
        throw new IllegalArgumentException("not a thread priority: " + priority);
      }
      for (Duration d : List.of(idleTimeout, drainWait, cancelGrace)) {
        if (d.isNegative()) {
          throw new IllegalArgumentException("a negative duration: " + d);
        }
      }
    }

    /**
     * Settings with an unbounded queue, normal priority, threads kept until close, and a close that
     * cancels running jobs at once and waits up to 5 seconds for them to stop.
     *
     * @param threadName the worker threads' name prefix
     * @param concurrency how many jobs run at once
     * @return the settings
     */
    public static Settings of(String threadName, int concurrency) {
      return new Settings(
          threadName,
          concurrency,
          Integer.MAX_VALUE,
          Thread.NORM_PRIORITY,
          Duration.ZERO,
          Duration.ZERO,
          Duration.ofSeconds(5));
    }

    /** These settings with a bounded queue. */
    public Settings withQueueCapacity(int capacity) {
      return new Settings(
          threadName, concurrency, capacity, priority, idleTimeout, drainWait, cancelGrace);
    }

    /** These settings with another thread priority. */
    public Settings withPriority(int threadPriority) {
      return new Settings(
          threadName,
          concurrency,
          queueCapacity,
          threadPriority,
          idleTimeout,
          drainWait,
          cancelGrace);
    }

    /** These settings with idle worker threads ending after a while. */
    public Settings withIdleTimeout(Duration timeout) {
      return new Settings(
          threadName, concurrency, queueCapacity, priority, timeout, drainWait, cancelGrace);
    }

    /**
     * These settings with another close: running jobs may finish for {@code drain}, then they are
     * cancelled and waited for up to {@code grace}.
     */
    public Settings withClose(Duration drain, Duration grace) {
      return new Settings(
          threadName, concurrency, queueCapacity, priority, idleTimeout, drain, grace);
    }
  }

  /**
   * One document's work.
   *
   * @param <T> what it returns
   */
  @FunctionalInterface
  public interface Job<T> {
    /**
     * Does the work on a worker thread.
     *
     * @param cancellation the job's token: check it between pages
     * @return the result
     * @throws Exception any failure, which completes the job's ticket exceptionally
     */
    T run(Cancellation cancellation) throws Exception;
  }

  private final Settings settings;
  private final ThreadPoolExecutor executor;
  private final Set<Ticket<?>> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;

  /**
   * Creates a scheduler; its threads start as jobs come.
   *
   * @param settings the settings
   */
  public DocumentScheduler(Settings settings) {
    this.settings = settings;
    AtomicInteger counter = new AtomicInteger();
    BlockingQueue<Runnable> queue =
        settings.queueCapacity() == Integer.MAX_VALUE
            ? new LinkedBlockingQueue<>()
            : new ArrayBlockingQueue<>(settings.queueCapacity());
    boolean idleEnds = settings.idleTimeout().isPositive();
    this.executor =
        new ThreadPoolExecutor(
            settings.concurrency(),
            settings.concurrency(),
            idleEnds ? settings.idleTimeout().toNanos() : 0,
            TimeUnit.NANOSECONDS,
            queue,
            r -> {
              Thread t = new Thread(r, settings.threadName() + "-" + counter.incrementAndGet());
              // Daemon: a job stuck in native code must not keep the JVM alive after main ends.
              t.setDaemon(true);
              t.setPriority(settings.priority());
              return t;
            });
    executor.allowCoreThreadTimeOut(idleEnds);
  }

  /**
   * Creates a scheduler with {@link Settings#of} settings.
   *
   * @param threadName the worker threads' name prefix
   * @param concurrency how many jobs run at once
   */
  public DocumentScheduler(String threadName, int concurrency) {
    this(Settings.of(threadName, concurrency));
  }

  /**
   * Queues a job with a token of its own.
   *
   * @param job the work
   * @param <T> what it returns
   * @return the job's ticket
   * @throws RejectedExecutionException when the scheduler is closing, or its queue is full
   */
  public <T> Ticket<T> submit(Job<T> job) {
    return submit(job, null);
  }

  /**
   * Queues a job whose token is a child of {@code parent}: cancelling {@code parent} cancels the
   * job, cancelling the job leaves {@code parent} alone.
   *
   * @param job the work
   * @param parent the caller's token, or null for none
   * @param <T> what it returns
   * @return the job's ticket
   * @throws RejectedExecutionException when the scheduler is closing, or its queue is full
   */
  public <T> Ticket<T> submit(Job<T> job, Cancellation parent) {
    Objects.requireNonNull(job, "job");
    if (closing) {
      throw new RejectedExecutionException("The scheduler is closing.");
    }
    Ticket<T> ticket = new Ticket<>(job, parent == null ? new Cancellation() : parent.child());
    executor.execute(new Task(ticket));
    return ticket;
  }

  /** How many jobs run at once. */
  public int concurrency() {
    return executor.getMaximumPoolSize();
  }

  /**
   * Sets how many jobs run at once; jobs already running are not disturbed.
   *
   * @param concurrency at least 1
   */
  public synchronized void setConcurrency(int concurrency) {
    checkConcurrency(concurrency);
    // Raise the maximum first when growing, the core first when shrinking: core <= max always.
    if (concurrency > executor.getMaximumPoolSize()) {
      executor.setMaximumPoolSize(concurrency);
      executor.setCorePoolSize(concurrency);
    } else {
      executor.setCorePoolSize(concurrency);
      executor.setMaximumPoolSize(concurrency);
    }
  }

  /**
   * Stops taking jobs. Queued jobs never start (their tickets end {@linkplain Ticket#cancel()
   * cancelled}, without an event); running jobs go on. Returns at once; harmless twice.
   */
  public void shutdown() {
    closing = true;
    executor.shutdown();
    // A worker that took a job off the queue before this drain sees closing and drops it.
    List<Runnable> queued = new ArrayList<>();
    executor.getQueue().drainTo(queued);
    for (Runnable r : queued) {
      if (r instanceof Task task) {
        task.ticket().drop();
      }
    }
    if (!queued.isEmpty()) {
      LOG.debug("{} queued jobs dropped on close of {}", queued.size(), settings.threadName());
    }
  }

  /** Cancels the token of every job running now. */
  public void cancelRunning() {
    for (Ticket<?> ticket : running) {
      ticket.cancellation.cancel();
    }
  }

  /**
   * Waits for the running jobs to end after {@link #shutdown()}.
   *
   * @param timeout how long to wait
   * @return whether every worker has ended
   * @throws InterruptedException when interrupted
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Stops taking jobs, drops the queued ones, lets running ones finish for the settings' drain
   * wait, then cancels them and waits up to the cancel grace. Gives up after that: a job stuck in a
   * step that never checks its token goes on, on its daemon thread. Harmless twice.
   */
  @Override
  public void close() {
    shutdown();
    try {
      if (!awaitTermination(settings.drainWait())) {
        cancelRunning();
        if (!awaitTermination(settings.cancelGrace())) {
          LOG.debug(
              "{} jobs still running after close of {}", running.size(), settings.threadName());
        }
      }
    } catch (InterruptedException e) {
      // The caller is being stopped itself: cancel what runs, keep its interrupt, stop waiting.
      cancelRunning();
      Thread.currentThread().interrupt();
    }
  }

  /** What the pool's queue holds, so that a close can drop the tickets it never starts. */
  private record Task(Ticket<?> ticket) implements Runnable {
    @Override
    public void run() {
      ticket.runOnWorker();
    }
  }

  private static void checkConcurrency(int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
    }
  }

  /**
   * A submitted job: its token, its state and its result.
   *
   * @param <T> what the job returns
   */
  public final class Ticket<T> {
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int DROPPED = 2;

    private final Job<T> job;
    private final Cancellation cancellation;
    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private final CompletableFuture<T> result = new CompletableFuture<>();

    private Ticket(Job<T> job, Cancellation cancellation) {
      this.job = job;
      this.cancellation = cancellation;
    }

    /** The job's token. */
    public Cancellation cancellation() {
      return cancellation;
    }

    /**
     * Cancels the job's token. A queued job then never starts; a running one stops when it next
     * checks its token. Harmless twice.
     *
     * @return whether the job had not started, so it never will
     */
    public boolean cancel() {
      cancellation.cancel();
      return drop();
    }

    /** Whether the job has ended, or will never start. */
    public boolean isDone() {
      return result.isDone();
    }

    /**
     * Waits for the job's result.
     *
     * @return what the job returned
     * @throws InterruptedException when interrupted while waiting
     * @throws ExecutionException when the job threw; the cause is what it threw
     * @throws CancellationException when the job never started
     */
    public T get() throws InterruptedException, ExecutionException {
      return result.get();
    }

    private boolean drop() {
      if (state.compareAndSet(QUEUED, DROPPED)) {
        result.completeExceptionally(new CancellationException("The job never started."));
        return true;
      }
      return false;
    }

    private void runOnWorker() {
      if (closing) {
        drop();
      }
      if (!state.compareAndSet(QUEUED, RUNNING)) {
        return; // cancelled while queued, or dropped on close
      }
      running.add(this);
      try {
        result.complete(job.run(cancellation));
      } catch (Throwable t) {
        // Every failure ends here, an OutOfMemoryError of one document too: that document's
        // memory is free once its stack unwound, and the worker goes on with the next one.
        LOG.debug("A job on {} failed", Thread.currentThread().getName(), t);
        result.completeExceptionally(t);
      } finally {
        running.remove(this);
        // A job may leave its thread interrupted (it restored the flag after a wait). The next job
        // on this thread must not start interrupted: its first FileChannel write would fail.
        Thread.interrupted();
      }
    }
  }
}
