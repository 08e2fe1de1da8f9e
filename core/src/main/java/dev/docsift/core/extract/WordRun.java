package dev.docsift.core.extract;

import dev.docsift.core.model.OcrWord;
import java.util.ArrayList;
import java.util.List;

/**
 * Words joined into one string by single spaces, remembering where each word starts, so that a
 * match found in the string can be traced back to the words it came from.
 *
 * @param words the words
 * @param text the joined text
 * @param starts where each word starts in {@code text}
 */
public record WordRun(List<OcrWord> words, String text, int[] starts) {
  /**
   * Joins words.
   *
   * @param words the words, in order
   * @return the run
   */
  public static WordRun of(List<OcrWord> words) {
    StringBuilder sb = new StringBuilder();
    int[] starts = new int[words.size()];
    for (int i = 0; i < words.size(); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      starts[i] = sb.length();
      sb.append(words.get(i).text());
    }
    return new WordRun(List.copyOf(words), sb.toString(), starts);
  }

  /** The words any character of {@code [start, end)} falls in. */
  public List<OcrWord> wordsBetween(int start, int end) {
    List<OcrWord> out = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      int ws = starts[i];
      int we = ws + words.get(i).text().length();
      if (ws < end && we > start) {
        out.add(words.get(i));
      }
    }
    return out;
  }

  /** Whether the run holds no word. */
  public boolean isEmpty() {
    return words.isEmpty();
  }
}
