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

  /** The words joined by single spaces. */
  public String text() {
    return words.stream().map(OcrWord::text).collect(Collectors.joining(" "));
  }

  /** The mean word confidence. */
  public double confidence() {
    return words.stream().mapToDouble(OcrWord::confidence).average().orElse(0);
  }
}
