package dev.docsift.core.text;

/**
 * The Levenshtein distance between two strings: how many characters must be inserted, deleted or
 * replaced to turn one into the other. One implementation for the label matcher (bounded, in its
 * inner loop) and for scoring extracted values against the truth (exact). Stateless.
 */
public final class EditDistance {
  private EditDistance() {}

  /**
   * The distance, exactly.
   *
   * @param a one string
   * @param b the other
   * @return the number of edits
   */
  public static int between(String a, String b) {
    return within(a, b, Math.max(a.length(), b.length()));
  }

  /**
   * The distance, stopping early once it exceeds a bound.
   *
   * @param a one string
   * @param b the other
   * @param max the largest distance of interest
   * @return the distance, or {@code max + 1} when larger than {@code max}
   */
  public static int within(String a, String b, int max) {
    if (Math.abs(a.length() - b.length()) > max) {
      return max + 1;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin > max) {
        return max + 1;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return Math.min(prev[b.length()], max + 1);
  }
}
