package dev.docsift.core.ocr;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits Tesseract's OpenMP threads to one, inside the process, before libtesseract loads.
 *
 * <p>Why: Tesseract's OpenMP threads fight docsift's own page-level parallelism (a 300 dpi page
 * takes 4–11 s on 2 cores instead of 1.4 s). OpenMP reads {@code OMP_THREAD_LIMIT} once, when its
 * runtime loads with libtesseract; the launcher scripts set it, but an installed app's launcher
 * cannot set environment variables, so it is set here in the C environment the runtime will read. A
 * value the user set is left alone.
 */
final class OpenMpThreads {
  static final String VARIABLE = "OMP_THREAD_LIMIT";
  private static final Logger LOG = LoggerFactory.getLogger(OpenMpThreads.class);
  private static volatile boolean applied;

  /** The C library's environment calls. */
  interface Posix extends Library {
    int setenv(String name, String value, int overwrite);

    String getenv(String name);
  }

  /** The Windows C runtime's environment calls. */
  interface WindowsCrt extends Library {
    int _putenv_s(String name, String value);

    String getenv(String name);
  }

  private OpenMpThreads() {}

  /**
   * Sets {@code OMP_THREAD_LIMIT=1} in the process's C environment unless it is set already. Call
   * before anything loads libtesseract. Harmless to call again; never throws.
   */
  static synchronized void limitToOne() {
    if (applied) {
      return;
    }
    applied = true;
    try {
      if (current() != null) {
        return; // the user's (or the launcher's) choice
      }
      if (Platform.isWindows()) {
        Native.load("msvcrt", WindowsCrt.class)._putenv_s(VARIABLE, "1");
      } else {
        Native.load("c", Posix.class).setenv(VARIABLE, "1", 0);
      }
    } catch (LinkageError | RuntimeException e) {
      // Without it OCR is slower, not wrong.
      LOG.debug("Cannot set {} in the process: {}", VARIABLE, e.toString());
    }
  }

  /** The variable's value in the C environment (not Java's start-up copy), or null. */
  static String current() {
    return Platform.isWindows()
        ? Native.load("msvcrt", WindowsCrt.class).getenv(VARIABLE)
        : Native.load("c", Posix.class).getenv(VARIABLE);
  }
}
