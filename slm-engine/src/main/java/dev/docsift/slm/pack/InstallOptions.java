package dev.docsift.slm.pack;

import java.util.Locale;

/**
 * How {@link PackStore#install} behaves.
 *
 * @param force replace an installed pack of the same name
 * @param sha256 the expected SHA-256 of the archive itself (64 hex digits), or null; a URL's {@code
 *     #sha256=} fragment gives the same
 */
public record InstallOptions(boolean force, String sha256) {
  /** No replacing, no archive hash. */
  public static final InstallOptions DEFAULT = new InstallOptions(false, null);

  /** Validates and lower-cases the hash. */
  public InstallOptions {
    if (sha256 != null) {
      if (!sha256.matches("[0-9a-fA-F]{64}")) {
        throw new IllegalArgumentException(
            "The archive sha256 must be 64 hex digits, not \"" + sha256 + "\".");
      }
      sha256 = sha256.toLowerCase(Locale.ROOT);
    }
  }
}
