package dev.docsift.core.ocr.ppocr;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.docsift.core.DocsiftException;
import dev.docsift.core.model.OcrLine;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.core.model.PageImage;
import dev.docsift.core.ocr.GreyImage;
import dev.docsift.core.ocr.OcrOptions;
import dev.docsift.core.ocr.OcrReader;
import dev.docsift.errors.ErrorCode;
import dev.docsift.slm.decoder.DecoderException;
import dev.docsift.slm.decoder.OrtRuntime;
import dev.docsift.slm.decoder.RuntimeOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * PaddleOCR's PP-OCRv4 mobile models on ONNX Runtime: DB text detection, the text direction
 * classifier and the SVTR-LCNet line recogniser, with PaddleOCR's pre- and post-processing. The
 * models ship inside docsift's core jar (see {@code core/ppocr-models.xml}, and NOTICE).
 *
 * <p>A page is detected once, at most {@link #DETECTION_LIMIT} pixels on its long side. A page
 * whose text boxes are mostly taller than wide is turned a quarter; one whose lines the direction
 * classifier mostly finds upside down is turned half round; a small skew, measured on the boxes'
 * edges, is straightened. The boxes follow each turn, so nothing is detected twice. Each box is cut
 * out, straightened and read; its line is split into words where the recogniser placed spaces or
 * left wide gaps; boxes on one printed line are joined into one {@link OcrLine}.
 *
 * <p>Thread-safe: the three sessions are shared by every thread (ONNX Runtime allows concurrent
 * runs), each with {@code cores / poolSize} intra-op threads, since the pipeline already reads
 * {@code poolSize} pages at once. Holds native memory: close it; closing twice is harmless.
 */
public final class PpOcrReader implements OcrReader {
  /** The detector's input is at most this many pixels on its long side (PaddleOCR's default). */
  public static final int DETECTION_LIMIT = 960;

  /** Lines PaddleOCR scores below this are dropped ({@code drop_score}). */
  static final double DROP_SCORE = 0.5;

  /** A skew smaller than this is left alone, as {@code TesseractReader} leaves it. */
  static final double MIN_CORRECTED_SKEW = 0.3;

  /** A skew larger than this is not a skew but a slanted photo or a drawing: left alone. */
  static final double MAX_CORRECTED_SKEW = 10;

  static final String DETECTOR = "ch_PP-OCRv4_det_infer.onnx";
  static final String RECOGNIZER = "ch_PP-OCRv4_rec_infer.onnx";
  static final String CLASSIFIER = "ch_ppocr_mobile_v2.0_cls_infer.onnx";
  static final String DICTIONARY = "ppocr_keys_v1.txt";

  private final OcrOptions options;
  private final OrtSession detSession;
  private final OrtSession clsSession;
  private final OrtSession recSession;
  private final TextDetector detector;
  private final DirectionClassifier classifier;
  private final TextRecognizer recognizer;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private PpOcrReader(
      OcrOptions options,
      OrtSession det,
      OrtSession cls,
      OrtSession rec,
      List<String> dictionary,
      int detectionLimit) {
    this.options = options;
    this.detSession = det;
    this.clsSession = cls;
    this.recSession = rec;
    this.detector = new TextDetector(det, detectionLimit);
    this.classifier = new DirectionClassifier(cls);
    this.recognizer = new TextRecognizer(rec, dictionary);
  }

  /**
   * Loads the models from the class path.
   *
   * @param options orientation and skew correction, and how many pages are read at once
   * @return the reader, to be closed
   * @throws DocsiftException OCR_MODEL_LOAD when a model is missing or ONNX Runtime cannot load it
   */
  public static PpOcrReader create(OcrOptions options) throws DocsiftException {
    return create(options, DETECTION_LIMIT);
  }

  /**
   * Loads the models, with another detection size (for measurements).
   *
   * @param options orientation and skew correction, and how many pages are read at once
   * @param detectionLimit the detector's input's long side at most
   * @return the reader, to be closed
   * @throws DocsiftException OCR_MODEL_LOAD when a model is missing or ONNX Runtime cannot load it
   */
  public static PpOcrReader create(OcrOptions options, int detectionLimit) throws DocsiftException {
    Objects.requireNonNull(options, "options");
    if (detectionLimit < 32) {
      throw new IllegalArgumentException("detectionLimit must be at least 32: " + detectionLimit);
    }
    int cores = Runtime.getRuntime().availableProcessors();
    RuntimeOptions runtime =
        RuntimeOptions.cpu().withThreads(Math.max(1, cores / options.poolSize()), 1);
    List<String> dictionary = dictionary();
    List<OrtSession> opened = new ArrayList<>();
    try {
      for (String model : List.of(DETECTOR, CLASSIFIER, RECOGNIZER)) {
        opened.add(OrtRuntime.openCpu(resource(model), model, runtime));
      }
      return new PpOcrReader(
          options, opened.get(0), opened.get(1), opened.get(2), dictionary, detectionLimit);
    } catch (DecoderException e) {
      closeAll(opened);
      throw new DocsiftException(
          ErrorCode.OCR_MODEL_LOAD, "The PP-OCR models could not be loaded: " + e.getMessage(), e);
    } catch (DocsiftException | RuntimeException e) {
      closeAll(opened);
      throw e;
    }
  }

  private static void closeAll(List<OrtSession> sessions) {
    for (OrtSession s : sessions) {
      try {
        s.close();
      } catch (OrtException ignored) {
        // Closing on a failure path: the first failure is the one to report.
      }
    }
  }

  private static byte[] resource(String name) throws DocsiftException {
    try (InputStream in = PpOcrReader.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new DocsiftException(
            ErrorCode.OCR_MODEL_LOAD,
            "The PP-OCR model "
                + name
                + " is missing from this build of docsift; use --ocr tesseract, or rebuild"
                + " docsift with npm installed.");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new DocsiftException(
          ErrorCode.OCR_MODEL_LOAD, "The PP-OCR model " + name + " could not be read.", e);
    }
  }

  private static List<String> dictionary() throws DocsiftException {
    String text = new String(resource(DICTIONARY), StandardCharsets.UTF_8);
    // PaddleOCR strips each line's line break and nothing else.
    List<String> out = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  @Override
  public String name() {
    return "ppocr";
  }

  /** 3: a number is never split at its point or comma. */
  @Override
  public String revision() {
    return "3";
  }

  /**
   * Reads one page. Safe to call from several threads.
   *
   * @param page the page
   * @return the words with pixel boxes in the upright page's frame, and that page (the original
   *     image when it was not turned or straightened, else a grey copy)
   * @throws DocsiftException OCR_FAILED when ONNX Runtime fails on the page
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public Reading read(PageImage page) throws DocsiftException {
    Objects.requireNonNull(page, "page");
    lock.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("the OCR reader is closed");
      }
      return readPage(page);
    } catch (OrtException | RuntimeException e) {
      if (e instanceof IllegalStateException ise && closed) {
        throw ise;
      }
      throw new DocsiftException(
          ErrorCode.OCR_FAILED, "PP-OCR could not read page " + page.number() + ".", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Everything a page's reading found, before the words are grouped into lines. */
  record Runs(
      List<List<OcrWord>> runs, List<Double> scores, GreyImage page, int rotation, double skew) {}

  private Reading readPage(PageImage page) throws OrtException {
    Runs runs = detectAndRecognize(page);
    List<OcrLine> lines = LineGrouper.group(runs.runs());
    GreyImage upright = runs.page();
    OcrPage ocr =
        new OcrPage(
            page.number(), upright.width(), upright.height(), lines, runs.rotation(), runs.skew());
    boolean untouched = runs.rotation() == 0 && runs.skew() == 0;
    return new Reading(ocr, untouched ? page.image() : upright.toImage());
  }

  /**
   * Detects, turns, straightens and recognises a page, keeping lines PaddleOCR would keep.
   *
   * @param page the page
   * @return each kept box's words in reading order, its score, the upright page and the turns
   */
  Runs detectAndRecognize(PageImage page) throws OrtException {
    GreyImage grey = GreyImage.of(page.image());
    List<Quad> quads = detector.detect(grey);
    int rotation = 0;
    if (options.fixOrientation() && sideways(quads)) {
      int w = grey.width();
      int h = grey.height();
      quads = quads.stream().map(q -> q.turn(90, w, h)).toList();
      grey = grey.rotateClockwise(90);
      rotation = 90;
    }
    double skew = 0;
    if (options.deskew()) {
      double measured = skew(quads);
      if (Math.abs(measured) >= MIN_CORRECTED_SKEW && Math.abs(measured) <= MAX_CORRECTED_SKEW) {
        int w = grey.width();
        int h = grey.height();
        quads = quads.stream().map(q -> q.rotateSmall(-measured, w, h).clip(w, h)).toList();
        grey = grey.rotateSmall(-measured, paper(grey));
        skew = measured;
      }
    }
    quads = LineGrouper.sorted(quads);
    GreyImage cut = grey;
    DirectionClassifier.Oriented oriented =
        classifier.orient(quads.stream().map(q -> Crop.cut(cut, q)).toList());
    if (options.fixOrientation() && quads.size() >= 2 && oriented.turned() * 2 > quads.size()) {
      // Most lines are upside down: the page is. Turn it and its boxes, and cut them again.
      int w = grey.width();
      int h = grey.height();
      quads = LineGrouper.sorted(quads.stream().map(q -> q.turn(180, w, h)).toList());
      grey = grey.rotateClockwise(180);
      rotation = (rotation + 180) % 360;
      GreyImage turned = grey;
      oriented = classifier.orient(quads.stream().map(q -> Crop.cut(turned, q)).toList());
    }
    List<Crop> crops = new ArrayList<>(oriented.crops());
    List<TextRecognizer.Line> read = new ArrayList<>(recognizer.recognize(crops));
    // The direction classifier turns some upright lines over (it did to a line of plain 44-pixel
    // sans serif): a turned line is read both ways, and the better reading kept.
    List<Integer> turned = new ArrayList<>();
    for (int i = 0; i < crops.size(); i++) {
      if (crops.get(i).turnedHalf()) {
        turned.add(i);
      }
    }
    if (!turned.isEmpty()) {
      List<Crop> unturned = turned.stream().map(i -> crops.get(i).halfTurn()).toList();
      List<TextRecognizer.Line> again = recognizer.recognize(unturned);
      for (int k = 0; k < turned.size(); k++) {
        int i = turned.get(k);
        if (again.get(k).score() > read.get(i).score()) {
          crops.set(i, unturned.get(k));
          read.set(i, again.get(k));
        }
      }
    }
    List<List<OcrWord>> runs = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    for (int i = 0; i < crops.size(); i++) {
      TextRecognizer.Line line = read.get(i);
      if (line.score() < DROP_SCORE) {
        continue;
      }
      List<OcrWord> words = Words.split(line, crops.get(i), grey.width(), grey.height());
      if (!words.isEmpty()) {
        runs.add(words);
        scores.add(line.score());
      }
    }
    return new Runs(runs, scores, grey, rotation, skew);
  }

  /** Whether the page lies on its side: clearly more long boxes run down than across. */
  static boolean sideways(List<Quad> quads) {
    int tall = 0;
    int wide = 0;
    for (Quad q : quads) {
      int w = q.cropWidth();
      int h = q.cropHeight();
      if (h >= 2 * w) {
        tall++;
      } else if (w >= 2 * h) {
        wide++;
      }
    }
    return tall >= 3 && tall > 2 * wide;
  }

  /**
   * The page's skew: the median angle of the top edges of boxes at least three times as wide as
   * tall, in degrees clockwise on screen; 0 with fewer than three such boxes.
   */
  static double skew(List<Quad> quads) {
    double[] angles =
        quads.stream()
            .filter(q -> q.cropWidth() >= 3 * q.cropHeight())
            .mapToDouble(Quad::topEdgeDegrees)
            .toArray();
    return angles.length < 3 ? 0 : Words.median(angles);
  }

  /** The grey of the paper: the commonest grey among a sample of the lighter half of the page. */
  private static int paper(GreyImage image) {
    int[] histogram = new int[256];
    byte[] px = image.pixels();
    for (int i = 0; i < px.length; i += 7) {
      histogram[px[i] & 0xff]++;
    }
    int best = 255;
    for (int v = 128; v < 256; v++) {
      if (histogram[v] > histogram[best]) {
        best = v;
      }
    }
    return best;
  }

  /** Frees the sessions, after the pages being read finish. Closing twice is harmless. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      closeAll(List.of(detSession, clsSession, recSession));
    } finally {
      lock.writeLock().unlock();
    }
  }
}
