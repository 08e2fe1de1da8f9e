package dev.docsift.app.pages;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.intake.DocumentOpener;
import dev.docsift.core.intake.IntakeOptions;
import dev.docsift.core.intake.PageSource;
import dev.docsift.core.model.PageImage;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Renders pages for the window, on a thread of its own: at a display resolution, no longer than a
 * limit, and turned as OCR turned them ({@link PageGeometry}). The last document stays open so that
 * paging through it does not reopen it.
 *
 * <p>Thread-safe: requests queue on the one render thread, which alone touches the open document
 * (PDFBox documents are not thread-safe). Close it to release the file.
 */
public final class PageImages implements AutoCloseable {
  /** The resolution pages are shown at: sharp at 100 % zoom on most screens, A4 is 1240 × 1754. */
  public static final int DISPLAY_DPI = 150;

  /** The longest side an image may have; larger scans (a 600 dpi page) are scaled down. */
  public static final int MAX_SIDE = 2400;

  private final DocumentOpener opener;
  private final ExecutorService thread;
  private Path openFile; // render thread only
  private PageSource open; // render thread only

  /** A renderer at {@link #DISPLAY_DPI}. */
  public PageImages() {
    this.opener = new DocumentOpener(IntakeOptions.defaults().withDpi(DISPLAY_DPI));
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "docsift-page-render");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Renders a page in the background.
   *
   * @param file the document
   * @param page the 1-based page
   * @param geometry how OCR turned it
   * @return the image, or the error with its code (a page that cannot be rendered)
   */
  public CompletableFuture<BufferedImage> render(Path file, int page, PageGeometry geometry) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(geometry, "geometry");
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            PageImage image = source(file).page(page);
            BufferedImage pixels = image.image();
            int longest = Math.max(pixels.getWidth(), pixels.getHeight());
            double scale = longest > MAX_SIDE ? (double) MAX_SIDE / longest : 1.0;
            return geometry.apply(pixels, scale);
          } catch (DocsiftException e) {
            throw new RenderFailure(e);
          }
        },
        thread);
  }

  private PageSource source(Path file) throws DocsiftException {
    if (open != null && file.equals(openFile)) {
      return open;
    }
    closeOpen();
    open = opener.open(opener.identify(file));
    openFile = file;
    return open;
  }

  private void closeOpen() {
    if (open != null) {
      open.close();
      open = null;
      openFile = null;
    }
  }

  /** Releases the open document and stops the thread. Harmless twice. */
  @Override
  public void close() {
    if (!thread.isShutdown()) {
      thread.execute(this::closeOpen);
      thread.shutdown();
    }
  }

  /** A page that could not be rendered; the cause carries the code. */
  public static final class RenderFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RenderFailure(DocsiftException cause) {
      super(cause.userMessage(), cause);
    }

    /** The error with its code. */
    public DocsiftException error() {
      return (DocsiftException) getCause();
    }
  }
}
