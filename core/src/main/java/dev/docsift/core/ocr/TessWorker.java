package dev.docsift.core.ocr;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.docsift.core.DocsiftException;
import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrLine;
import dev.docsift.core.model.OcrWord;
import dev.docsift.errors.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.ITessAPI.TessPageIterator;
import net.sourceforge.tess4j.ITessAPI.TessPageIteratorLevel;
import net.sourceforge.tess4j.ITessAPI.TessResultIterator;
import net.sourceforge.tess4j.TessAPI;

/**
 * One Tesseract handle (plus, when orientation is fixed, one OSD handle) and its reusable image
 * buffer. Tesseract handles are not thread-safe: a worker is used by one thread at a time, which
 * the engine's pool guarantees. Holds native memory: {@link #close()} frees it.
 */
final class TessWorker implements AutoCloseable {
  /** Tesseract's lower bound; below it, Tesseract estimates the resolution itself. */
  private static final int MIN_SOURCE_DPI = 70;

  /** Below this OSD confidence the page is left as it is: few characters, or no clear winner. */
  private static final float MIN_ORIENTATION_CONFIDENCE = 1.5f;

  /** Where Tesseract's diagnostics go, so they never mix with docsift's standard output. */
  private static final String NULL_DEVICE =
      Files.exists(Path.of("/dev/null")) ? "/dev/null" : "NUL";

  private final TessAPI api;
  private final TessBaseAPI handle;
  private final Path tessdata;
  private final boolean osdWanted;
  private final int pageSegMode;
  private TessBaseAPI osd;
  private boolean osdFailed;
  // Direct, so JNA hands Tesseract its address without a copy; grown to the largest page seen.
  private ByteBuffer buffer = ByteBuffer.allocateDirect(0);
  private final IntBuffer left = IntBuffer.allocate(1);
  private final IntBuffer top = IntBuffer.allocate(1);
  private final IntBuffer right = IntBuffer.allocate(1);
  private final IntBuffer bottom = IntBuffer.allocate(1);
  private boolean closed;

  private TessWorker(
      TessAPI api, TessBaseAPI handle, Path tessdata, boolean osdWanted, int pageSegMode) {
    this.api = api;
    this.handle = handle;
    this.tessdata = tessdata;
    this.osdWanted = osdWanted;
    this.pageSegMode = pageSegMode;
  }

  /** A handle initialised for the languages. */
  static TessWorker create(
      TessAPI api, Path tessdata, String languages, boolean osdWanted, int pageSegMode)
      throws DocsiftException {
    TessBaseAPI handle = init(api, tessdata, languages);
    api.TessBaseAPISetPageSegMode(handle, pageSegMode);
    return new TessWorker(api, handle, tessdata, osdWanted, pageSegMode);
  }

  private static TessBaseAPI init(TessAPI api, Path tessdata, String languages)
      throws DocsiftException {
    TessBaseAPI handle = api.TessBaseAPICreate();
    int rc;
    // Loading traineddata is not documented as thread-safe: one at a time, process-wide.
    synchronized (TessWorker.class) {
      rc = api.TessBaseAPIInit3(handle, tessdata.toString(), languages);
    }
    if (rc != 0) {
      api.TessBaseAPIEnd(handle);
      api.TessBaseAPIDelete(handle);
      throw new DocsiftException(
          ErrorCode.TESSDATA_INVALID,
          "Tesseract could not load '"
              + languages
              + "' from "
              + tessdata
              + ": the traineddata may be damaged or made for another Tesseract version.");
    }
    api.TessBaseAPISetVariable(handle, "debug_file", NULL_DEVICE);
    return handle;
  }

  /**
   * The clockwise turn, 0, 90, 180 or 270, that makes the page upright; 0 when OSD is off,
   * unavailable or unsure.
   */
  int detectOrientation(GreyImage image, int dpi) {
    if (!osdWanted || osdFailed) {
      return 0;
    }
    if (osd == null) {
      try {
        osd = init(api, tessdata, "osd");
      } catch (DocsiftException e) {
        // Orientation is a refinement: without it pages are read as they come.
        osdFailed = true;
        return 0;
      }
    }
    load(osd, image, dpi);
    IntBuffer degrees = IntBuffer.allocate(1);
    FloatBuffer confidence = FloatBuffer.allocate(1);
    FloatBuffer scriptConfidence = FloatBuffer.allocate(1);
    // The script name points into Tesseract's static tables: it must not be freed.
    PointerByReference script = new PointerByReference();
    try {
      int ok =
          api.TessBaseAPIDetectOrientationScript(
              osd, degrees, confidence, script, scriptConfidence);
      if (ok == 0 || confidence.get(0) < MIN_ORIENTATION_CONFIDENCE) {
        return 0;
      }
      // Tesseract reports how far the page is turned clockwise; turning it back is the rest.
      return (360 - degrees.get(0)) % 360;
    } finally {
      api.TessBaseAPIClear(osd);
    }
  }

  /**
   * What one recognition pass read.
   *
   * @param lines the lines in Tesseract's reading order, boxes in the image's pixel frame
   * @param confidence the mean word confidence weighted by characters, 0 to 1 (0 with no words)
   * @param upright the share of words of three or more characters whose box is wider than tall;
   *     Tesseract reads sideways text on its own, so a page turned by 90 degrees can read well yet
   *     not be upright
   */
  record Recognition(List<OcrLine> lines, double confidence, double upright) {
    boolean isEmpty() {
      return lines.isEmpty();
    }
  }

  /** Recognises an image. */
  Recognition recognize(GreyImage image, int dpi) throws DocsiftException {
    load(handle, image, dpi);
    try {
      if (api.TessBaseAPIRecognize(handle, null) != 0) {
        throw new DocsiftException(ErrorCode.OCR_FAILED, "Tesseract could not recognise the page.");
      }
      return readLines(image.width(), image.height());
    } finally {
      api.TessBaseAPIClear(handle);
    }
  }

  /**
   * Reads the garbled amounts at the ends of lines again ({@link AmountReread}), on the image the
   * lines were read from. Called once, for the reading the engine keeps, not for every turn tried.
   *
   * @param image the image {@code lines} were recognised on
   * @param dpi its resolution
   * @param lines the lines
   * @return the lines, amounts repaired where the second reading is better
   */
  List<OcrLine> rereadAmounts(GreyImage image, int dpi, List<OcrLine> lines) {
    if (lines.stream().noneMatch(AmountReread::wanted)) {
      return lines; // most pages: no image to load again
    }
    load(handle, image, dpi);
    try {
      return AmountReread.apply(api, handle, pageSegMode, lines, image.width(), image.height());
    } finally {
      api.TessBaseAPIClear(handle);
    }
  }

  private void load(TessBaseAPI target, GreyImage image, int dpi) {
    byte[] pixels = image.pixels();
    if (buffer.capacity() < pixels.length) {
      buffer = ByteBuffer.allocateDirect(pixels.length);
    }
    buffer.clear();
    buffer.put(pixels);
    buffer.flip();
    // Tesseract copies the pixels into its own image here, so the buffer may be reused at once.
    api.TessBaseAPISetImage(target, buffer, image.width(), image.height(), 1, image.width());
    if (dpi >= MIN_SOURCE_DPI) {
      api.TessBaseAPISetSourceResolution(target, dpi);
    }
  }

  private Recognition readLines(int width, int height) {
    List<OcrLine> lines = new ArrayList<>();
    TessResultIterator words = api.TessBaseAPIGetIterator(handle);
    if (words == null) {
      return new Recognition(lines, 0, 1);
    }
    double confidenceSum = 0;
    long characters = 0;
    long wordCount = 0;
    long uprightWords = 0;
    try {
      // The page iterator is a view of the same native iterator: it is not freed on its own.
      TessPageIterator page = api.TessResultIteratorGetPageIterator(words);
      List<OcrWord> line = new ArrayList<>();
      int word = TessPageIteratorLevel.RIL_WORD;
      do {
        if (api.TessPageIteratorIsAtBeginningOf(page, TessPageIteratorLevel.RIL_TEXTLINE) != 0
            && !line.isEmpty()) {
          lines.add(OcrLine.of(line));
          line = new ArrayList<>();
        }
        Pointer utf8 = api.TessResultIteratorGetUTF8Text(words, word);
        if (utf8 == null) {
          continue;
        }
        String text;
        try {
          text = utf8.getString(0, StandardCharsets.UTF_8.name()).strip();
        } finally {
          api.TessDeleteText(utf8);
        }
        if (text.isEmpty()
            || api.TessPageIteratorBoundingBox(page, word, left, top, right, bottom) == 0) {
          continue;
        }
        double confidence = api.TessResultIteratorConfidence(words, word) / 100.0;
        Box box =
            new Box(
                clamp(left.get(0), width),
                clamp(top.get(0), height),
                clamp(Math.max(left.get(0), right.get(0)), width),
                clamp(Math.max(top.get(0), bottom.get(0)), height));
        confidence = Math.max(0.0, Math.min(1.0, confidence));
        line.add(new OcrWord(text, box, confidence));
        confidenceSum += confidence * text.length();
        characters += text.length();
        // Words of three or more letters are wider than tall when upright, taller when sideways.
        if (text.length() >= 3) {
          wordCount++;
          uprightWords += box.width() >= box.height() ? 1 : 0;
        }
      } while (api.TessResultIteratorNext(words, word) != 0);
      if (!line.isEmpty()) {
        lines.add(OcrLine.of(line));
      }
      return new Recognition(
          lines,
          characters == 0 ? 0 : confidenceSum / characters,
          wordCount == 0 ? 1 : (double) uprightWords / wordCount);
    } finally {
      api.TessResultIteratorDelete(words);
    }
  }

  private static int clamp(int v, int max) {
    return Math.max(0, Math.min(max, v));
  }

  int pageSegMode() {
    return pageSegMode;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    api.TessBaseAPIEnd(handle);
    api.TessBaseAPIDelete(handle);
    if (osd != null) {
      api.TessBaseAPIEnd(osd);
      api.TessBaseAPIDelete(osd);
      osd = null;
    }
  }
}
