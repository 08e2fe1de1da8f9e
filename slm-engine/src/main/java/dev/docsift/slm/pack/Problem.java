package dev.docsift.slm.pack;

import java.util.Objects;

/**
 * One thing wrong with a pack, found by verification.
 *
 * @param reason the kind of problem, with its stable code
 * @param message one sentence for the user
 */
public record Problem(PackException.Reason reason, String message) {
  /** Validates. */
  public Problem {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  /** This problem as an exception, to throw. */
  public PackException toException() {
    return new PackException(reason, message);
  }

  @Override
  public String toString() {
    return reason.code() + " " + message;
  }
}
