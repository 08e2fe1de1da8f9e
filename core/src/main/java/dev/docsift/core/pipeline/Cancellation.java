package dev.docsift.core.pipeline;

import dev.docsift.core.DocsiftException;
import dev.docsift.errors.ErrorCode;

/** A flag that stops work between pages. Thread-safe; once cancelled it stays cancelled. */
public final class Cancellation {
  private final Cancellation parent;
  private volatile boolean cancelled;

  /** A token of its own, not yet cancelled. */
  public Cancellation() {
    this(null);
  }

  private Cancellation(Cancellation parent) {
    this.parent = parent;
  }

  /**
   * A token that is cancelled whenever this one is, and that can also be cancelled on its own
   * without touching this one: one document of a batch stops, the batch goes on.
   *
   * @return the new token
   */
  public Cancellation child() {
    return new Cancellation(this);
  }

  /** Asks every stage that checks this token to stop. */
  public void cancel() {
    cancelled = true;
  }

  /** Whether {@link #cancel()} was called on this token or on the one it is a child of. */
  public boolean isCancelled() {
    return cancelled || (parent != null && parent.isCancelled());
  }

  /**
   * Throws when cancelled.
   *
   * @throws DocsiftException with {@link ErrorCode#CANCELLED}
   */
  public void check() throws DocsiftException {
    if (isCancelled()) {
      throw new DocsiftException(ErrorCode.CANCELLED, "Cancelled.");
    }
  }
}
