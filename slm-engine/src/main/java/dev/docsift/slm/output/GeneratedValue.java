package dev.docsift.slm.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One leaf value of a generated document and how sure the decoder was of it.
 *
 * @param pointer its JSON Pointer ({@code /items/0/amount})
 * @param value the value
 * @param confidence the probability of the least likely token that wrote it, 0 to 1
 * @param firstToken index of the first generated token that wrote part of it
 * @param lastToken index of the last such token
 */
public record GeneratedValue(
    String pointer, JsonNode value, double confidence, int firstToken, int lastToken) {
  /** Validates. */
  public GeneratedValue {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(value, "value");
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
    }
  }
}
