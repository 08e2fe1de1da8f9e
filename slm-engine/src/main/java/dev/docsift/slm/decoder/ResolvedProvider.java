package dev.docsift.slm.decoder;

import java.util.Objects;
import java.util.Optional;

/**
 * The execution provider sessions actually run on, after any fallback.
 *
 * @param name the provider in use, such as {@code cpu} or {@code coreml}
 * @param warning present when the asked provider was unavailable and the CPU was used instead: one
 *     sentence for the result's warnings
 */
public record ResolvedProvider(String name, Optional<String> warning) {

  /** Validates. */
  public ResolvedProvider {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(warning, "warning");
  }

  /** Whether the asked provider was unavailable. */
  public boolean fellBack() {
    return warning.isPresent();
  }
}
