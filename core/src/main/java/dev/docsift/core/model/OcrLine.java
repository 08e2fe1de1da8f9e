package dev.docsift.core.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A line of words, left to right.
 *
 * @param words the words, never empty
 * @param box the box around them
 */
public record OcrLine(List<OcrWord> words, Box box) {
  /** Validates and copies. */
  public OcrLine {
    words = List.copyOf(words);
    if (words.isEmpty()) {
      throw new IllegalArgumentException("a line has at least one word");
    }
  }

  /** Builds a line whose box is the union of its words' boxes. */
  public static OcrLine of(List<OcrWord> words) {
    Box box = words.get(0).box();
    for (OcrWord w : words) {
      box = box.union(w.box());
    }
    return new OcrLine(words, box);
  }

  /**
   * The words as a model should read them: joined by one space, but by three where the gap is wider
   * than about two and a half characters, so that a label and its amount, or two columns, stay
   * apart in plain text ({@code TOTAL 9,90}).
   */
  public String layoutText() {
    int chars = 0;
    long width = 0;
    for (OcrWord w : words) {
      chars += w.text().length();
      width += w.box().right() - w.box().left();
    }
    double charWidth = chars == 0 ? 0 : (double) width / chars;
    StringBuilder out = new StringBuilder(words.getFirst().text());
    for (int i = 1; i < words.size(); i++) {
      int gap = words.get(i).box().left() - words.get(i - 1).box().right();
      out.append(gap > 2.5 * charWidth ? "   " : " ").append(words.get(i).text());
    }
    return out.toString();
  }

  /** The words joined by single spaces. */
  public String text() {
    return words.stream().map(OcrWord::text).collect(Collectors.joining(" "));
  }

  /** The mean word confidence. */
  public double confidence() {
    return words.stream().mapToDouble(OcrWord::confidence).average().orElse(0);
  }
}
