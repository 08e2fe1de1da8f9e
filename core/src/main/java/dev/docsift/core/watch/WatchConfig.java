package dev.docsift.core.watch;

import dev.docsift.core.export.ExportFormat;
import dev.docsift.core.pipeline.PipelineConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a folder watch.
 *
 * @param inbox the folder watched; processed inputs move to {@code .done/} or {@code .failed/}
 *     inside it
 * @param outbox where results go; {@code .docsift/} inside it holds the journal and status file
 * @param format how results are written
 * @param pipeline how documents are read; its thread count is the number of documents processed at
 *     once
 * @param recursive whether subfolders of the inbox are watched too
 * @param settle how long a file's size and modification time must stay unchanged before it is read
 * @param poll how often the inbox is scanned
 * @param once process what is there, then stop
 * @param force process files whose content was already done
 * @param drainTimeout how long a stop waits for documents in flight before cancelling them
 * @param exec a command run for each finished document with the output path appended; empty for
 *     none
 */
public record WatchConfig(
    Path inbox,
    Path outbox,
    ExportFormat format,
    PipelineConfig pipeline,
    boolean recursive,
    Duration settle,
    Duration poll,
    boolean once,
    boolean force,
    Duration drainTimeout,
    List<String> exec) {
  /** Validates. */
  public WatchConfig {
    Objects.requireNonNull(inbox, "inbox");
    Objects.requireNonNull(outbox, "outbox");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(settle, "settle");
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    if (settle.isNegative() || poll.isNegative() || poll.isZero()) {
      throw new IllegalArgumentException("settle must be >= 0 and poll > 0");
    }
    exec = List.copyOf(exec);
    inbox = inbox.toAbsolutePath().normalize();
    outbox = outbox.toAbsolutePath().normalize();
  }

  /**
   * Defaults: JSON, no subfolders, a 2 s settle time, scans every 500 ms, runs until stopped, waits
   * up to 2 minutes for documents in flight.
   *
   * @param inbox the folder watched
   * @param outbox where results go
   * @param pipeline how documents are read
   * @return the settings
   */
  public static WatchConfig defaults(Path inbox, Path outbox, PipelineConfig pipeline) {
    return new WatchConfig(
        inbox,
        outbox,
        ExportFormat.JSON,
        pipeline,
        false,
        Duration.ofSeconds(2),
        Duration.ofMillis(500),
        false,
        false,
        Duration.ofMinutes(2),
        List.of());
  }

  /** A copy with another settle time and poll interval (tests use short ones). */
  public WatchConfig withTiming(Duration newSettle, Duration newPoll) {
    return new WatchConfig(
        inbox,
        outbox,
        format,
        pipeline,
        recursive,
        newSettle,
        newPoll,
        once,
        force,
        drainTimeout,
        exec);
  }

  /** A copy with another format. */
  public WatchConfig withFormat(ExportFormat newFormat) {
    return new WatchConfig(
        inbox,
        outbox,
        newFormat,
        pipeline,
        recursive,
        settle,
        poll,
        once,
        force,
        drainTimeout,
        exec);
  }

  /** A copy that processes what is there and stops, or runs until stopped. */
  public WatchConfig withOnce(boolean newOnce) {
    return new WatchConfig(
        inbox,
        outbox,
        format,
        pipeline,
        recursive,
        settle,
        poll,
        newOnce,
        force,
        drainTimeout,
        exec);
  }

  /** A copy with other flags. */
  public WatchConfig withFlags(boolean newRecursive, boolean newForce) {
    return new WatchConfig(
        inbox,
        outbox,
        format,
        pipeline,
        newRecursive,
        settle,
        poll,
        once,
        newForce,
        drainTimeout,
        exec);
  }

  /** A copy with another exec command. */
  public WatchConfig withExec(List<String> newExec) {
    return new WatchConfig(
        inbox,
        outbox,
        format,
        pipeline,
        recursive,
        settle,
        poll,
        once,
        force,
        drainTimeout,
        newExec);
  }

  /** The folder that holds the journal and the status file. */
  public Path stateDir() {
    return outbox.resolve(".docsift");
  }

  /** The status file other tools read. */
  public Path statusFile() {
    return stateDir().resolve("status.json");
  }
}
