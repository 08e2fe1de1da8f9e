package dev.docsift.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Whether the system's Tesseract library is there, for tests that need it. */
public final class Tesseract {
  private Tesseract() {}

  /** Whether libtesseract 5 is in one of the usual library folders. */
  public static boolean installed() {
    return Stream.of(
            "/usr/lib/x86_64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu",
            "/usr/lib",
            "/usr/local/lib",
            "/opt/homebrew/lib")
        .map(Path::of)
        .anyMatch(
            dir ->
                Files.exists(dir.resolve("libtesseract.so.5"))
                    || Files.exists(dir.resolve("libtesseract.5.dylib")));
  }
}
