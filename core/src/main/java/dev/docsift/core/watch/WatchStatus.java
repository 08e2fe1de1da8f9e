package dev.docsift.core.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.core.DocsiftException;
import dev.docsift.core.export.AtomicFiles;
import dev.docsift.core.pipeline.ResultJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The watch's counters, written atomically to {@code OUTBOX/.docsift/status.json} for other tools
 * and the desktop window: {@code state}, {@code started}, {@code updated}, {@code done}, {@code
 * failed}, {@code skipped}, {@code in_flight}, {@code last_output}, {@code last_error}.
 * Thread-safe.
 */
public final class WatchStatus {
  /**
   * A snapshot of the counters.
   *
   * @param done documents with a result
   * @param failed documents moved to {@code .failed/}
   * @param skipped documents whose content was done before
   * @param inFlight documents being processed
   */
  public record Counts(long done, long failed, long skipped, int inFlight) {}

  private final Path file;
  private final Instant started = Instant.now();
  private long done;
  private long failed;
  private long skipped;
  private int inFlight;
  private String state = "starting";
  private String lastOutput;
  private ObjectNode lastError;

  WatchStatus(Path file) {
    this.file = file;
  }

  synchronized Counts counts() {
    return new Counts(done, failed, skipped, inFlight);
  }

  synchronized void state(String newState) {
    state = newState;
    write();
  }

  synchronized void started() {
    inFlight++;
  }

  synchronized void finished() {
    inFlight--;
  }

  synchronized void done(Path output) {
    done++;
    lastOutput = output.toString();
    write();
  }

  synchronized void skipped() {
    skipped++;
    write();
  }

  synchronized void failed(Path input, DocsiftException error) {
    failed++;
    lastError = ResultJson.MAPPER.createObjectNode();
    lastError.put("file", input.toString());
    lastError.put("code", error.code().code());
    lastError.put("message", error.getMessage());
    lastError.put("time", Instant.now().toString());
    write();
  }

  private void write() {
    ObjectNode root = ResultJson.MAPPER.createObjectNode();
    root.put("state", state);
    root.put("started", started.toString());
    root.put("updated", Instant.now().toString());
    root.put("done", done);
    root.put("failed", failed);
    root.put("skipped", skipped);
    root.put("in_flight", inFlight);
    root.put("last_output", lastOutput);
    root.set("last_error", lastError);
    try {
      AtomicFiles.write(file, ResultJson.MAPPER.writeValueAsBytes(root));
    } catch (IOException e) {
      // The status file is informative; a full disk shows up in the results' own writes.
    }
  }
}
