package dev.docsift.core.ocr;

import com.sun.jna.Pointer;
import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrLine;
import dev.docsift.core.model.OcrWord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.ITessAPI.TessPageSegMode;
import net.sourceforge.tess4j.TessAPI;

/**
 * A second look at the amounts at the ends of lines that the page's recognition garbled ({@code
 * S17,} for {@code 3.17}, {@code 20/5} for {@code 2.75}): each is read again alone, as one line of
 * digits and separators only, and replaced when that reading is an amount and surer. Receipts print
 * their amounts in small type at the right edge, where a smudge or the scan's noise costs the most.
 */
final class AmountReread {
  private static final Pattern AMOUNT = Pattern.compile("-?\\d{1,7}[.,]\\d{2}");

  /**
   * Clock times and dates: {@code 20:26}, {@code 24.05.23}, {@code 12/25/2018}, {@code 2020-11}.
   */
  private static final Pattern CLOCK_OR_DATE =
      Pattern.compile("\\d:\\d\\d|\\d[./-]\\d{1,2}[./-]\\d|\\d{4}-\\d|-\\d{4}");

  /** What may stand for a digit or a separator in a garbled amount. */
  private static final String DIGIT_LIKE = "0123456789.,:;-OoSsIlZzBb|/)(";

  /** Words read at least this surely are left as they are. */
  private static final double SURE = 0.75;

  /** A reading of the cut-out replaces the word only at this confidence or more. */
  private static final double ACCEPT = 0.6;

  private AmountReread() {}

  /**
   * Reads the garbled amounts again on a handle that holds the page image.
   *
   * @param api the Tesseract API
   * @param handle the handle, its image set
   * @param pageSegMode the handle's segmentation mode, restored afterwards
   * @param lines the page's lines as first read
   * @param width the image's width
   * @param height the image's height
   * @return the lines, with amounts replaced where the second reading is better
   */
  static List<OcrLine> apply(
      TessAPI api,
      TessBaseAPI handle,
      int pageSegMode,
      List<OcrLine> lines,
      int width,
      int height) {
    List<OcrLine> out = new ArrayList<>(lines.size());
    boolean changedMode = false;
    try {
      for (OcrLine line : lines) {
        if (!wanted(line)) {
          out.add(line);
          continue;
        }
        List<OcrWord> words = line.words();
        if (!changedMode) {
          api.TessBaseAPISetPageSegMode(handle, TessPageSegMode.PSM_SINGLE_LINE);
          api.TessBaseAPISetVariable(handle, "tessedit_char_whitelist", "0123456789.,-");
          changedMode = true;
        }
        OcrWord word = words.getLast();
        OcrWord again = read(api, handle, word.box(), width, height);
        if (again != null
            && again.confidence() > word.confidence()
            && keepsDigits(word.text(), again.text())) {
          List<OcrWord> fixed = new ArrayList<>(words.subList(0, words.size() - 1));
          fixed.add(again);
          out.add(OcrLine.of(fixed));
        } else {
          out.add(line);
        }
      }
    } finally {
      if (changedMode) {
        api.TessBaseAPISetVariable(handle, "tessedit_char_whitelist", "");
        api.TessBaseAPISetPageSegMode(handle, pageSegMode);
      }
    }
    return out;
  }

  /** Whether a line ends on a garbled amount after some description. */
  static boolean wanted(OcrLine line) {
    return line.words().size() >= 2 && garbled(line.words().getLast());
  }

  /** Whether a word looks like an amount OCR could not read: digit-like, unsure, not an amount. */
  static boolean garbled(OcrWord w) {
    String t = w.text();
    if (w.confidence() >= SURE
        || t.length() < 2
        || t.length() > 12
        || AMOUNT.matcher(t.replaceAll("^[.,:;'`]+|[.,:;'`]+$", "")).matches()) {
      return false; // sure, or an amount already ("3,54." is one with a speck after it)
    }
    if (CLOCK_OR_DATE.matcher(t).find()) {
      return false; // a time or a date, which the digits-only reading would turn into an amount
    }
    long digitLike = t.chars().filter(c -> DIGIT_LIKE.indexOf(c) >= 0).count();
    long digits = t.chars().filter(Character::isDigit).count();
    return digits >= 1 && digitLike * 4 >= t.length() * 3;
  }

  /**
   * Whether the second reading keeps the digits the first one did read, in order, but for one (a
   * point read as {@code 0}): a reading that changes digits OCR was able to see is rather a new
   * mistake than a repair.
   */
  static boolean keepsDigits(String first, String second) {
    String had = first.replaceAll("\\D", "");
    String has = second.replaceAll("\\D", "");
    if (subsequence(had, has)) {
      return true;
    }
    // Only a 0 may go: the point read as one.
    for (int i = 0; i < had.length(); i++) {
      if (had.charAt(i) == '0' && subsequence(had.substring(0, i) + had.substring(i + 1), has)) {
        return true;
      }
    }
    return false;
  }

  private static boolean subsequence(String needle, String hay) {
    int j = 0;
    for (int i = 0; i < hay.length() && j < needle.length(); i++) {
      if (hay.charAt(i) == needle.charAt(j)) {
        j++;
      }
    }
    return j == needle.length();
  }

  private static OcrWord read(TessAPI api, TessBaseAPI handle, Box box, int width, int height) {
    // A margin of a third of the word's height: Tesseract reads a cut-out flush with the ink
    // worse than one with some paper around it.
    int pad = Math.max(2, box.height() / 3);
    int x0 = Math.max(0, box.left() - pad);
    int y0 = Math.max(0, box.top() - pad);
    int x1 = Math.min(width, box.right() + pad);
    int y1 = Math.min(height, box.bottom() + pad);
    if (x1 <= x0 || y1 <= y0) {
      return null;
    }
    api.TessBaseAPISetRectangle(handle, x0, y0, x1 - x0, y1 - y0);
    Pointer utf8 = api.TessBaseAPIGetUTF8Text(handle);
    if (utf8 == null) {
      return null;
    }
    String text;
    try {
      text = utf8.getString(0, StandardCharsets.UTF_8.name()).replaceAll("\\s+", "");
    } finally {
      api.TessDeleteText(utf8);
    }
    double confidence = api.TessBaseAPIMeanTextConf(handle) / 100.0;
    if (!AMOUNT.matcher(text).matches() || confidence < ACCEPT) {
      return null;
    }
    return new OcrWord(text, box, Math.min(1.0, confidence));
  }
}
