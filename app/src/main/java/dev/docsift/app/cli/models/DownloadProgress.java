package dev.docsift.app.cli.models;

import dev.docsift.app.cli.Terminal;
import dev.docsift.slm.pack.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows download progress on standard error: a bar redrawn in place on a terminal, a plain line
 * every tenth of the way otherwise (so logs stay readable).
 */
public final class DownloadProgress implements ProgressListener, AutoCloseable {
  private static final int BAR_WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final long LINE_EVERY_UNKNOWN = 16L << 20;

  private final PrintWriter err;
  private final boolean bar;
  private long lastDraw;
  private long lastLineStep = -1;
  private boolean barShown;

  /**
   * Creates a reporter.
   *
   * @param err where progress goes
   * @param bar true for a bar redrawn in place, false for plain lines
   */
  public DownloadProgress(PrintWriter err, boolean bar) {
    this.err = err;
    this.bar = bar;
  }

  /** A reporter that draws a bar when standard error is a terminal. */
  public static DownloadProgress forTerminal(PrintWriter err) {
    return new DownloadProgress(err, Terminal.isInteractive());
  }

  @Override
  public synchronized void progress(long bytes, long total) {
    boolean finished = total > 0 && bytes >= total;
    if (bar) {
      long now = System.nanoTime();
      if (!finished && barShown && now - lastDraw < REDRAW_NANOS) {
        return;
      }
      lastDraw = now;
      String text;
      if (total > 0) {
        int filled = (int) (bytes * BAR_WIDTH / total);
        text =
            String.format(
                Locale.ROOT,
                "[%s%s] %3d%%  %s / %s",
                "#".repeat(filled),
                "-".repeat(BAR_WIDTH - filled),
                bytes * 100 / total,
                size(bytes),
                size(total));
      } else {
        text = "downloaded " + size(bytes);
      }
      err.print("\r\033[K" + text);
      err.flush();
      barShown = true;
    } else {
      long step = total > 0 ? bytes * 10 / total : bytes / LINE_EVERY_UNKNOWN;
      if (step == lastLineStep) {
        return;
      }
      lastLineStep = step;
      err.println(
          total > 0
              ? "downloaded " + size(bytes) + " of " + size(total) + " (" + step * 10 + "%)"
              : "downloaded " + size(bytes));
      err.flush();
    }
  }

  @Override
  public synchronized void close() {
    if (barShown) {
      err.print("\r\033[K");
      err.flush();
      barShown = false;
    }
  }

  /**
   * A size for people: {@code 512 B}, {@code 3.4 MiB}, {@code 1.2 GiB}.
   *
   * @param bytes a byte count
   * @return the text
   */
  public static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
