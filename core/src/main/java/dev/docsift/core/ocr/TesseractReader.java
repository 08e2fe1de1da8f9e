package dev.docsift.core.ocr;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.model.OcrLine;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.PageImage;
import dev.docsift.errors.ErrorCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import net.sourceforge.tess4j.ITessAPI.TessPageSegMode;
import net.sourceforge.tess4j.TessAPI;

/**
 * Tesseract OCR through Tess4J's low-level API (its high-level class needs a newer Leptonica than
 * Debian ships). Pages are turned upright and straightened before they are read.
 *
 * <p>Thread-safe: each call borrows one of up to {@code poolSize} Tesseract handles, created on
 * first need, so that many pages can be read at once. Tesseract's own OpenMP threads must be held
 * to one with {@code OMP_THREAD_LIMIT=1} in the environment before the process starts (the launcher
 * does it); otherwise they fight the page-level parallelism and a page takes several times longer.
 *
 * <p>Holds native memory: the engine must be closed or the application leaks it.
 */
public final class TesseractReader implements OcrReader {
  /**
   * Tesseract's single-column segmentation ({@code --psm 4}): one column of lines of varying sizes.
   * Automatic segmentation ({@code --psm 3}) cut the right-aligned amounts of receipts into blocks
   * of their own, read some of them not at all and broke the line between an item and its price. On
   * generated samples ({@code docsift bench --details}, 2 threads) single-column mode read receipts
   * at 76.0 % field accuracy against 69.1 % (seed 1) and 89.9 % against 86.5 % (seed 5), invoices
   * at 93.3 % against 92.9 % and 91.3 % against 89.7 %, about 10 % faster. Sparse-text mode split
   * printed lines into fragments; a single uniform block ({@code --psm 6}) merged the side-by-side
   * seller and buyer blocks of invoices (77.9 %).
   */
  private static final int PAGE_SEG_MODE = TessPageSegMode.PSM_SINGLE_COLUMN;

  /**
   * The page segmentation mode every handle reads with, as {@code tesseract --psm} numbers it. A
   * method, not a public constant: a constant would be compiled into its callers' classes and
   * outlive a change here in an incremental build.
   *
   * @return the mode
   */
  public static int pageSegMode() {
    return PAGE_SEG_MODE;
  }

  /** Skews smaller than this are left alone: Tesseract copes, and turning a page costs time. */
  static final double MIN_CORRECTED_SKEW = 0.3;

  /** A first pass reading at least this well (mean confidence) is taken to be upright. */
  static final double UPRIGHT_CONFIDENCE = 0.6;

  private final OcrOptions options;
  private final Path tessdata;
  private final TessAPI api;
  private final boolean osd;
  private final Semaphore permits;
  private final ConcurrentLinkedQueue<TessWorker> idle = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  private TesseractReader(OcrOptions options, Path tessdata, TessAPI api) {
    this.options = options;
    this.tessdata = tessdata;
    this.api = api;
    this.osd = options.fixOrientation() && TessdataLocator.hasOsd(tessdata);
    this.permits = new Semaphore(options.poolSize(), true);
  }

  /**
   * Finds the language data, loads Tesseract and readies one handle.
   *
   * <p>tessdata is looked for in the folder the options name (and only there, when named); else in
   * {@code $TESSDATA_PREFIX}; else in the usual system folders such as {@code
   * /usr/share/tesseract-ocr/5/tessdata}; else the English and OSD data inside Tess4J's jar are
   * copied to a folder under {@code java.io.tmpdir} and used.
   *
   * @param options languages, tessdata folder, corrections and pool size
   * @return a ready engine, to be closed
   * @throws DocsiftException TESSDATA_NOT_FOUND when no language data is found, LANGUAGE_MISSING
   *     naming the missing {@code <lang>.traineddata}, the folders searched and how to install it,
   *     TESSERACT_UNAVAILABLE when libtesseract cannot be loaded
   */
  public static TesseractReader create(OcrOptions options) throws DocsiftException {
    Objects.requireNonNull(options, "options");
    Path tessdata = TessdataLocator.locate(options.languages(), options.tessdataPath());
    TessAPI api = loadLibrary();
    TesseractReader engine = new TesseractReader(options, tessdata, api);
    // One handle now, so that bad language data fails here rather than on the first page.
    engine.idle.add(engine.newWorker());
    return engine;
  }

  private static TessAPI loadLibrary() throws DocsiftException {
    OpenMpThreads.limitToOne(); // before libtesseract (and its OpenMP runtime) loads
    try {
      return TessAPI.INSTANCE;
    } catch (LinkageError e) {
      // UnsatisfiedLinkError the first time, NoClassDefFoundError after: both mean no library.
      throw new DocsiftException(
          ErrorCode.TESSERACT_UNAVAILABLE,
          "The Tesseract OCR library (libtesseract) could not be loaded: install Tesseract 5"
              + " (Debian/Ubuntu: apt-get install tesseract-ocr; macOS: brew install tesseract).",
          e);
    }
  }

  private TessWorker newWorker() throws DocsiftException {
    return TessWorker.create(api, tessdata, options.languageSpec(), osd, PAGE_SEG_MODE);
  }

  /**
   * Reads one page: turns it upright (by 90, 180 or 270 degrees, when OSD data is installed and
   * sure), straightens a small skew, then recognises it. Safe to call from several threads.
   *
   * @param page the page
   * @return the words with pixel boxes in the corrected page's frame, confidences from 0 to 1, and
   *     lines in Tesseract's reading order
   * @throws DocsiftException OCR_FAILED when Tesseract fails on the page, CANCELLED when the thread
   *     is interrupted while waiting for a handle
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public OcrPage recognize(PageImage page) throws DocsiftException {
    return read(page).ocr();
  }

  /**
   * Reads one page as {@link #recognize} does, and also returns the upright page, so that a later
   * stage (the vision encoder) sees the page in the frame of the words' boxes.
   *
   * @param page the page
   * @return the words and the upright page
   * @throws DocsiftException OCR_FAILED when Tesseract fails on the page, CANCELLED when the thread
   *     is interrupted while waiting for a handle
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public Reading read(PageImage page) throws DocsiftException {
    Objects.requireNonNull(page, "page");
    TessWorker worker = borrow();
    try {
      return read(worker, page);
    } finally {
      giveBack(worker);
    }
  }

  private Reading read(TessWorker worker, PageImage page) throws DocsiftException {
    GreyImage grey = GreyImage.of(page.image());
    Pass pass = pass(worker, grey, 0, page.dpi());
    // OSD costs about a quarter of a recognition, so it runs only when the page read as if it
    // were not upright: poor confidence (upside-down text), words taller than wide, or nothing
    // at all (single-column segmentation finds no lines in a sideways page).
    if (osd
        && (pass.recognition().isEmpty()
            || pass.recognition().confidence() < UPRIGHT_CONFIDENCE
            || pass.recognition().upright() < 0.5)) {
      int rotation = worker.detectOrientation(grey, page.dpi());
      if (rotation != 0) {
        Pass turned = pass(worker, grey, rotation, page.dpi());
        // OSD was sure; only a clearly worse reading of the turned page overrules it.
        if (turned.recognition().confidence() + 0.1 >= pass.recognition().confidence()) {
          pass = turned;
        }
      }
    }
    List<OcrLine> lines = worker.rereadAmounts(pass.page(), page.dpi(), pass.recognition().lines());
    OcrPage ocr =
        new OcrPage(
            page.number(), pass.width(), pass.height(), lines, pass.rotation(), pass.skew());
    boolean untouched = pass.rotation() == 0 && pass.skew() == 0;
    return new Reading(ocr, untouched ? page.image() : pass.page().toImage());
  }

  /** One recognition of the page turned clockwise by {@code rotation}, then straightened. */
  private Pass pass(TessWorker worker, GreyImage page, int rotation, int dpi)
      throws DocsiftException {
    GreyImage grey = page.rotateClockwise(rotation);
    double skew = 0;
    if (options.deskew()) {
      SkewEstimator.Skew measured = SkewEstimator.estimate(grey);
      if (Math.abs(measured.degrees()) >= MIN_CORRECTED_SKEW) {
        skew = measured.degrees();
        grey = grey.rotateSmall(-skew, measured.paper());
      }
    }
    return new Pass(worker.recognize(grey, dpi), rotation, skew, grey);
  }

  private record Pass(
      TessWorker.Recognition recognition, int rotation, double skew, GreyImage page) {
    int width() {
      return page.width();
    }

    int height() {
      return page.height();
    }
  }

  private TessWorker borrow() throws DocsiftException {
    checkOpen();
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DocsiftException(ErrorCode.CANCELLED, "OCR was cancelled.", e);
    }
    try {
      checkOpen();
      TessWorker worker = idle.poll();
      return worker != null ? worker : newWorker();
    } catch (DocsiftException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private void giveBack(TessWorker worker) {
    synchronized (idle) {
      if (closed) {
        worker.close();
      } else {
        idle.add(worker);
      }
    }
    permits.release();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the OCR engine is closed");
    }
  }

  @Override
  public String name() {
    return "tesseract";
  }

  /** The tessdata folder in use. */
  public Path tessdataPath() {
    return tessdata;
  }

  /** The languages pages are read in. */
  public List<String> languages() {
    return options.languages();
  }

  /** Whether pages are turned upright: asked for, and {@code osd.traineddata} is installed. */
  public boolean fixesOrientation() {
    return osd;
  }

  /**
   * Frees every Tesseract handle; handles in use are freed as their pages finish. Closing twice is
   * harmless.
   */
  @Override
  public void close() {
    synchronized (idle) {
      if (closed) {
        return;
      }
      closed = true;
      for (TessWorker w = idle.poll(); w != null; w = idle.poll()) {
        w.close();
      }
    }
  }
}
