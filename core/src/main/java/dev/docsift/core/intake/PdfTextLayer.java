package dev.docsift.core.intake;

import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrLine;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * A PDF page's own text, as words with boxes in the pixel frame the page renders to: exact and
 * instant where a born-digital PDF carries it. Unusable layers are refused so the page is read by
 * OCR instead: no text, glyphs without Unicode (replacement or private-use characters), and an
 * invisible layer (an earlier OCR's) whose words do not look like words.
 */
final class PdfTextLayer {
  /** Fewer characters than this: a scan, or a page of pictures. */
  static final int MIN_CHARACTERS = 20;

  /** More than this share of glyphs without a usable Unicode mapping: the layer is not text. */
  static final double MAX_UNMAPPED = 0.05;

  /** Less than this share of plausible words in an invisible layer: an OCR layer of garbage. */
  static final double MIN_PLAUSIBLE = 0.7;

  private static final Pattern NUMBERISH = Pattern.compile("[\\p{N}.,:;/%€$£+\\-()'*#]+");
  private static final Pattern WORDISH =
      Pattern.compile(
          "[\\p{Punct}«»„“”]*[\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}'’.\\-/&]*[\\p{Punct}»“”]*");

  private PdfTextLayer() {}

  /**
   * Reads the text layer of a page.
   *
   * @param document the open document
   * @param number the 1-based page number
   * @param dpi the resolution the page's pixel frame is at
   * @return the words, or null when the page has no usable text layer
   * @throws IOException when PDFBox cannot parse the page's content
   */
  static OcrPage read(PDDocument document, int number, int dpi) throws IOException {
    PDPage page = document.getPage(number - 1);
    PDRectangle crop = page.getCropBox();
    int rotation = ((page.getRotation() % 360) + 360) % 360;
    double scale = dpi / 72.0;
    boolean sideways = rotation == 90 || rotation == 270;
    int width = (int) Math.ceil((sideways ? crop.getHeight() : crop.getWidth()) * scale);
    int height = (int) Math.ceil((sideways ? crop.getWidth() : crop.getHeight()) * scale);
    Collector collector = new Collector(scale);
    collector.setStartPage(number);
    collector.setEndPage(number);
    collector.setSortByPosition(true);
    collector.getText(document);
    collector.endLine();
    List<OcrLine> lines = collector.lines;
    if (!usable(collector) || width <= 0 || height <= 0) {
      return null;
    }
    return new OcrPage(number, width, height, lines, 0, 0);
  }

  private static boolean usable(Collector c) {
    if (c.characters < MIN_CHARACTERS) {
      return false;
    }
    if ((double) c.unmapped / c.characters > MAX_UNMAPPED) {
      return false;
    }
    if (c.invisible * 2 > c.characters) {
      int words = 0;
      int plausible = 0;
      for (OcrLine line : c.lines) {
        for (OcrWord w : line.words()) {
          words++;
          if (plausible(w.text())) {
            plausible++;
          }
        }
      }
      return words > 0 && (double) plausible / words >= MIN_PLAUSIBLE;
    }
    return true;
  }

  /** A number, or letters with at least one vowel-like letter and no long run of consonants. */
  static boolean plausible(String word) {
    if (NUMBERISH.matcher(word).matches()) {
      return true;
    }
    if (!WORDISH.matcher(word).matches()) {
      return false;
    }
    String letters = word.replaceAll("[^\\p{L}]", "").toLowerCase(java.util.Locale.ROOT);
    if (letters.length() <= 2) {
      return true;
    }
    String plain = Normalizer.normalize(letters, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return plain.matches(".*[aeiouy].*") && !plain.matches(".*[^aeiouy]{6,}.*");
  }

  /** Collects the stripper's words, line by line, with their boxes in pixels. */
  private static final class Collector extends PDFTextStripper {
    private final double scale;
    final List<OcrLine> lines = new ArrayList<>();
    private final List<OcrWord> current = new ArrayList<>();
    int characters;
    int unmapped;
    int invisible;

    Collector(double scale) {
      this.scale = scale;
    }

    @Override
    protected void processTextPosition(TextPosition text) {
      String u = text.getUnicode();
      if (u != null && !u.isEmpty() && u.isBlank()) {
        // Space glyphs are left out: the gap they leave still separates the words. Why: some
        // producers draw a space over the first glyph of the next word, and sorted by position it
        // came after that glyph ("Nr. 471102" read as "Nr. 4 71102").
        return;
      }
      RenderingMode mode = getGraphicsState().getTextState().getRenderingMode();
      if (mode == RenderingMode.NEITHER) {
        invisible += Math.max(1, text.getUnicode() == null ? 1 : text.getUnicode().length());
      }
      super.processTextPosition(text);
    }

    @Override
    protected void writeString(String text, List<TextPosition> positions) {
      if (positions.isEmpty()) {
        return;
      }
      StringBuilder word = new StringBuilder();
      double left = Double.MAX_VALUE;
      double right = -Double.MAX_VALUE;
      double top = Double.MAX_VALUE;
      double bottom = -Double.MAX_VALUE;
      for (TextPosition p : positions) {
        String u = p.getUnicode();
        if (u == null || u.isEmpty()) {
          unmapped++;
          characters++;
          continue;
        }
        for (int i = 0; i < u.length(); i++) {
          char ch = u.charAt(i);
          characters++;
          if (ch == '\uFFFD'
              || Character.getType(ch) == Character.PRIVATE_USE
              || (Character.isISOControl(ch) && ch != '\t')) {
            unmapped++;
          }
        }
        word.append(u);
        double x = p.getXDirAdj();
        double baseline = p.getYDirAdj();
        double h = Math.max(p.getHeightDir(), p.getFontSizeInPt() * 0.7);
        left = Math.min(left, x);
        right = Math.max(right, x + p.getWidthDirAdj());
        top = Math.min(top, baseline - h);
        bottom = Math.max(bottom, baseline + h * 0.2);
      }
      String cleaned = Normalizer.normalize(word.toString(), Normalizer.Form.NFKC).strip();
      if (cleaned.isEmpty() || left == Double.MAX_VALUE) {
        return;
      }
      // A glyph whose Unicode holds a space (a ToUnicode map can give one) splits the word again:
      // OCR words have none.
      String[] parts = cleaned.split("\\s+");
      Box box = pixels(left, top, right, bottom);
      if (parts.length == 1) {
        current.add(new OcrWord(cleaned, box, 1.0));
        return;
      }
      int total = cleaned.length();
      int offset = 0;
      for (String part : parts) {
        int start = cleaned.indexOf(part, offset);
        int end = start + part.length();
        int l = box.left() + (int) ((long) box.width() * start / total);
        int r = box.left() + (int) ((long) box.width() * end / total);
        current.add(
            new OcrWord(part, new Box(l, box.top(), Math.max(r, l + 1), box.bottom()), 1.0));
        offset = end;
      }
    }

    @Override
    protected void writeLineSeparator() throws IOException {
      endLine();
      super.writeLineSeparator();
    }

    void endLine() {
      if (current.isEmpty()) {
        return;
      }
      List<OcrWord> words = new ArrayList<>(current);
      words.sort(Comparator.comparingInt(w -> w.box().left()));
      lines.add(OcrLine.of(words));
      current.clear();
    }

    private Box pixels(double left, double top, double right, double bottom) {
      int l = (int) Math.floor(Math.max(0, left) * scale);
      int t = (int) Math.floor(Math.max(0, top) * scale);
      int r = (int) Math.ceil(right * scale);
      int b = (int) Math.ceil(bottom * scale);
      return new Box(l, t, Math.max(r, l + 1), Math.max(b, t + 1));
    }
  }
}
