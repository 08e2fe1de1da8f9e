package dev.docsift.core.pipeline;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.ErrorCode;

/** A flag that stops work between pages. Thread-safe; once cancelled it stays cancelled. */
public final class Cancellation {
  private volatile boolean cancelled;

  /** Asks every stage that checks this token to stop. */
  public void cancel() {
    cancelled = true;
  }

  /** Whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * Throws when cancelled.
   *
   * @throws DocsiftException with {@link ErrorCode#CANCELLED}
   */
  public void check() throws DocsiftException {
    if (cancelled) {
      throw new DocsiftException(ErrorCode.CANCELLED, "Cancelled.");
    }
  }
}
