package dev.docsift.core.ocr.ppocr;

import dev.docsift.core.model.OcrWord;
import dev.docsift.core.ocr.ppocr.TextRecognizer.Glyph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a recognised line into words. PP-OCR reads a whole line at once; where each character was
 * read (its CTC time steps, a fixed number of input pixels apart) places it in the crop. Words end
 * at the spaces the recogniser writes, where the crop shows a blank gap between two characters at
 * least {@link #SPACE_HEIGHTS} of its height wide, and where two characters stand further apart
 * than {@link #SPACE_PITCHES} times the line's median character pitch: the Chinese recogniser often
 * drops the space between English words.
 */
final class Words {
  /**
   * A gap between character centres this many times the line's median pitch is a space. A space in
   * a proportional font adds about a third to two thirds of a character's pitch, and the time steps
   * place a centre to within half a step either way.
   */
  static final double SPACE_PITCHES = 1.75;

  /**
   * A run of blank columns at least this many times the crop's height wide is a space: a space is
   * about a quarter to a third of the font's size wide plus the letters' side bearings, the gap
   * between two letters of a word a tenth or less, and the crop is about the font's size tall.
   */
  static final double SPACE_HEIGHTS = 0.3;

  /**
   * A blank gap is a space only where the characters' centres also stand this many times the median
   * pitch apart: in a monospace font every pitch is the same, and narrow characters have wide blank
   * margins.
   */
  static final double BLANK_PITCHES = 1.25;

  /** Crops whose 5th and 95th percentile greys differ by less than this show no ink to measure. */
  static final int MIN_CONTRAST = 40;

  /**
   * Lines with fewer character gaps than this have no reliable pitch: only written spaces split.
   */
  static final int MIN_GAPS_FOR_PITCH = 3;

  private Words() {}

  /**
   * The words of a line, with boxes on the page.
   *
   * @param line the reading
   * @param crop the crop it was read from
   * @param pageWidth the page's width
   * @param pageHeight the page's height
   * @return the words left to right; none when nothing but spaces was read
   */
  static List<OcrWord> split(TextRecognizer.Line line, Crop crop, int pageWidth, int pageHeight) {
    List<Glyph> glyphs = line.glyphs();
    double[] gaps = new double[glyphs.size()];
    int n = 0;
    int letters = 0;
    for (int i = 0; i < glyphs.size(); i++) {
      if (glyphs.get(i).isSpace()) {
        continue;
      }
      letters++;
      if (i > 0 && !glyphs.get(i - 1).isSpace()) {
        gaps[n++] = line.centre(glyphs.get(i)) - line.centre(glyphs.get(i - 1));
      }
    }
    double pitch =
        n > 0 ? median(Arrays.copyOf(gaps, n)) : crop.width() / (double) Math.max(1, letters);
    boolean pitched = n >= MIN_GAPS_FOR_PITCH;
    double split = pitched ? SPACE_PITCHES * pitch : Double.MAX_VALUE;
    // Without a reliable pitch, a blank gap alone decides.
    double blankSplit = pitched ? BLANK_PITCHES * pitch : 0;

    int[] blank = blankColumns(crop);
    int spaceColumns = (int) Math.ceil(SPACE_HEIGHTS * crop.height());
    List<OcrWord> words = new ArrayList<>();
    List<Glyph> word = new ArrayList<>();
    for (Glyph g : glyphs) {
      if (g.isSpace()) {
        flush(line, crop, word, pitch, pageWidth, pageHeight, words);
        continue;
      }
      if (!word.isEmpty()) {
        double from = line.centre(word.get(word.size() - 1));
        double to = line.centre(g);
        double gap = to - from;
        // A blank gap alone would split a monospace font's narrow characters ('1.', 'I')
        // from their neighbours: it counts where the characters also stand apart.
        // Nor is a number cut at its point or comma ('4.557,70'). Between two digits a gap still
        // splits: a date and a time ('2018 14:32') are two numbers the recogniser runs together.
        String left = word.get(word.size() - 1).text();
        if (!inNumber(left, g.text())
            && (gap > split || (gap > blankSplit && longestRun(blank, from, to) >= spaceColumns))) {
          flush(line, crop, word, pitch, pageWidth, pageHeight, words);
        }
      }
      word.add(g);
    }
    flush(line, crop, word, pitch, pageWidth, pageHeight, words);
    return words;
  }

  /**
   * Whether two characters belong to one number ({@code 6.95}, {@code 1,50}): a point or comma
   * beside a digit leaves a wide blank margin in most receipt fonts, but splits no words.
   */
  static boolean inNumber(String left, String right) {
    return (isDigit(left) && isSeparator(right)) || (isSeparator(left) && isDigit(right));
  }

  private static boolean isDigit(String s) {
    return s.length() == 1 && Character.isDigit(s.charAt(0));
  }

  private static boolean isSeparator(String s) {
    return s.equals(".") || s.equals(",");
  }

  /**
   * Which columns of the crop hold no ink: 1 for a blank column, 0 for one with at least two dark
   * pixels (darker than halfway between the crop's 5th and 95th percentile greys).
   */
  static int[] blankColumns(Crop crop) {
    int w = crop.width();
    int h = crop.height();
    byte[] px = crop.pixels();
    int[] histogram = new int[256];
    for (byte p : px) {
      histogram[p & 0xff]++;
    }
    int low = percentile(histogram, px.length, 0.05);
    int high = percentile(histogram, px.length, 0.95);
    int[] blank = new int[w];
    if (high - low < MIN_CONTRAST) {
      return blank; // a flat crop: no gaps to see
    }
    int threshold = (low + high) / 2;
    for (int x = 0; x < w; x++) {
      int dark = 0;
      for (int y = 0; y < h; y++) {
        if ((px[y * w + x] & 0xff) < threshold) {
          dark++;
        }
      }
      blank[x] = dark < 2 ? 1 : 0;
    }
    return blank;
  }

  private static int percentile(int[] histogram, int total, double q) {
    long target = (long) Math.ceil(total * q);
    long seen = 0;
    for (int v = 0; v < 256; v++) {
      seen += histogram[v];
      if (seen >= target) {
        return v;
      }
    }
    return 255;
  }

  /** The longest run of blank columns between two x positions of the crop. */
  static int longestRun(int[] blank, double from, double to) {
    int best = 0;
    int run = 0;
    for (int x = Math.max(0, (int) Math.round(from));
        x < Math.min(blank.length, Math.round(to));
        x++) {
      run = blank[x] == 1 ? run + 1 : 0;
      best = Math.max(best, run);
    }
    return best;
  }

  private static void flush(
      TextRecognizer.Line line,
      Crop crop,
      List<Glyph> word,
      double pitch,
      int pageWidth,
      int pageHeight,
      List<OcrWord> out) {
    if (word.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    double confidence = 0;
    for (Glyph g : word) {
      text.append(g.text().strip());
      confidence += g.prob();
    }
    double x0 = Math.max(0, line.centre(word.get(0)) - pitch / 2);
    double x1 = Math.min(crop.width(), line.centre(word.get(word.size() - 1)) + pitch / 2);
    if (x1 <= x0) {
      x1 = Math.min(crop.width(), x0 + 1);
    }
    if (!text.isEmpty()) {
      out.add(
          new OcrWord(
              text.toString(),
              crop.spanOnPage(x0, x1, pageWidth, pageHeight),
              Math.max(0, Math.min(1, confidence / word.size()))));
    }
    word.clear();
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }
}
