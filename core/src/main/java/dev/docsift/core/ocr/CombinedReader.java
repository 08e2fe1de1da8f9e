package dev.docsift.core.ocr;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrLine;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.core.model.PageImage;
import dev.docsift.core.ocr.ppocr.PpOcrReader;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --ocr auto}: PP-OCR finds and reads the lines; Tesseract reads a line again where PP-OCR
 * is unsure of it (mean confidence below {@link #UNSURE}) or lost its spaces (a long line read as
 * one word), and its words replace PP-OCR's when they read better: for a line that lost its spaces,
 * the same characters in more words; for an unsure line, a higher mean confidence.
 *
 * <p>Thread-safe, as both readers are. Holds both readers' native memory: close it.
 */
public final class CombinedReader implements OcrReader {
  private static final Logger LOG = LoggerFactory.getLogger(CombinedReader.class);

  /** A PP-OCR line read with less mean confidence than this is read again by Tesseract. */
  static final double UNSURE = 0.85;

  /** A PP-OCR line of one word at least this long has probably lost its spaces. */
  static final int LONG_WORD = 14;

  /**
   * Tesseract languages written in the Latin script (and Chinese, PP-OCR's own): with any other,
   * {@code auto} reads with Tesseract alone, since PP-OCR's models read only Chinese and Latin.
   */
  static final Set<String> PPOCR_LANGUAGES =
      Set.of(
          "eng",
          "deu",
          "fra",
          "ita",
          "spa",
          "por",
          "nld",
          "lav",
          "lit",
          "est",
          "pol",
          "ces",
          "slk",
          "slv",
          "hrv",
          "bos",
          "ron",
          "hun",
          "fin",
          "swe",
          "dan",
          "nor",
          "isl",
          "cat",
          "glg",
          "eus",
          "gle",
          "cym",
          "mlt",
          "sqi",
          "tur",
          "ind",
          "msa",
          "tgl",
          "afr",
          "swa",
          "lat",
          "epo",
          "fao",
          "ltz",
          "oci",
          "bre",
          "cos",
          "fil",
          "srp_latn",
          "uzb",
          "aze",
          "vie",
          "chi_sim",
          "chi_tra",
          "script/Latin",
          "script/HanS",
          "script/HanT");

  private final PpOcrReader ppocr;
  private final TesseractReader tesseract;

  private CombinedReader(PpOcrReader ppocr, TesseractReader tesseract) {
    this.ppocr = ppocr;
    this.tesseract = tesseract;
  }

  /**
   * Opens the reader {@code auto} stands for: this combination where PP-OCR reads the languages,
   * else Tesseract alone; Tesseract alone too, with a warning in the log, when the PP-OCR models
   * cannot be loaded.
   *
   * @param options languages, tessdata and pool size
   * @return the reader, to be closed
   * @throws DocsiftException as {@link TesseractReader#create(OcrOptions)}
   */
  public static OcrReader open(OcrOptions options) throws DocsiftException {
    Objects.requireNonNull(options, "options");
    if (!ppocrReads(options.languages())) {
      return TesseractReader.create(options);
    }
    // Line crops are read as they are: no turning, no straightening.
    TesseractReader tesseract =
        TesseractReader.create(
            new OcrOptions(
                options.languages(),
                options.tessdataPath(),
                false,
                false,
                options.poolSize(),
                ReaderChoice.TESSERACT,
                options.textLayer()));
    try {
      return new CombinedReader(PpOcrReader.create(options), tesseract);
    } catch (DocsiftException e) {
      LOG.warn("{}; reading with Tesseract alone.", e.userMessage());
      tesseract.close();
      return TesseractReader.create(options);
    }
  }

  /** Whether PP-OCR reads every one of these Tesseract languages. */
  static boolean ppocrReads(List<String> languages) {
    return languages.stream().allMatch(PPOCR_LANGUAGES::contains);
  }

  @Override
  public String name() {
    return "auto";
  }

  /** 3: a number is never split at its point or comma. */
  @Override
  public String revision() {
    return "3";
  }

  @Override
  public Reading read(PageImage page) throws DocsiftException {
    Reading first = ppocr.read(page);
    OcrPage ocr = first.ocr();
    List<OcrLine> lines = new ArrayList<>(ocr.lines().size());
    for (OcrLine line : ocr.lines()) {
      lines.add(wanted(line) ? reread(line, first.upright(), page) : line);
    }
    return new Reading(
        new OcrPage(
            ocr.number(), ocr.width(), ocr.height(), lines, ocr.rotation(), ocr.skewDegrees()),
        first.upright());
  }

  /** Whether Tesseract should read a line again. */
  static boolean wanted(OcrLine line) {
    return line.words().stream().anyMatch(w -> w.confidence() < UNSURE) || lostSpaces(line);
  }

  /**
   * Tesseract's reading of a line, in place of PP-OCR's when it reads better.
   *
   * @param line PP-OCR's line
   * @param upright the page the line's boxes are on
   * @param page the original page, for its resolution
   * @return the better of the two
   */
  private OcrLine reread(OcrLine line, BufferedImage upright, PageImage page)
      throws DocsiftException {
    Box box = line.box();
    int pad = Math.max(4, box.height() / 3);
    int x0 = Math.max(0, box.left() - pad);
    int y0 = Math.max(0, box.top() - pad);
    int x1 = Math.min(upright.getWidth(), box.right() + pad);
    int y1 = Math.min(upright.getHeight(), box.bottom() + pad);
    if (x1 - x0 < 8 || y1 - y0 < 8) {
      return line;
    }
    BufferedImage crop = upright.getSubimage(x0, y0, x1 - x0, y1 - y0);
    OcrPage read = tesseract.read(new PageImage(page.number(), crop, page.dpi())).ocr();
    List<OcrWord> words = new ArrayList<>();
    for (OcrWord w : read.words()) {
      Box b = w.box();
      words.add(
          new OcrWord(
              w.text(),
              new Box(b.left() + x0, b.top() + y0, b.right() + x0, b.bottom() + y0),
              w.confidence()));
    }
    if (words.isEmpty()) {
      return line;
    }
    OcrLine other = OcrLine.of(words);
    return better(line, other) ? other : line;
  }

  /**
   * Whether Tesseract's reading of a line is better than PP-OCR's: where PP-OCR lost the spaces,
   * the same characters (case and spaces aside) in more words; where PP-OCR is unsure, a mean
   * confidence higher by a clear margin.
   */
  static boolean better(OcrLine ppocr, OcrLine tesseract) {
    if (lostSpaces(ppocr) && squeeze(ppocr.text()).equals(squeeze(tesseract.text()))) {
      return tesseract.words().size() > ppocr.words().size();
    }
    return tesseract.confidence() > ppocr.confidence() + 0.05;
  }

  private static boolean lostSpaces(OcrLine line) {
    return line.words().stream().anyMatch(w -> w.text().length() >= LONG_WORD);
  }

  private static String squeeze(String text) {
    return text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    try {
      ppocr.close();
    } finally {
      tesseract.close();
    }
  }
}
