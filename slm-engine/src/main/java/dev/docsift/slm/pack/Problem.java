package dev.docsift.slm.pack;

import dev.docsift.errors.ErrorCode;
import java.util.Objects;

/**
 * One thing wrong with a pack, found by verification.
 *
 * @param code the kind of problem, with its stable code
 * @param message one sentence for the user
 */
public record Problem(ErrorCode code, String message) {
  /** Validates. */
  public Problem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** This problem as an exception, to throw. */
  public PackException toException() {
    return new PackException(code, message);
  }

  @Override
  public String toString() {
    return code.code() + " " + message;
  }
}
