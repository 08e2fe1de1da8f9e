package dev.docsift.slm.constrain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The source text that grounded string values must come from: a suffix automaton over its UTF-8
 * bytes, which accepts exactly the byte strings that occur in it.
 *
 * <p>Normalisation: none. A grounded value's decoded UTF-8 bytes must occur verbatim in the text
 * (case, spaces and punctuation as in the OCR). Characters a compact JSON string cannot carry
 * (control characters other than tab and line feed) split the text: no value spans them. The empty
 * string counts as a substring, so a grounded field with {@code minLength} 0 may be {@code ""}.
 * When the text holds no substring long enough for a field's {@code minLength}, that field is
 * written ungrounded rather than leaving the generation stuck. Immutable and thread-safe.
 */
public final class Grounding {
  /** A byte that never occurs in UTF-8, standing in for characters values cannot carry. */
  private static final int BARRIER = 0xFF;

  private final byte[] edgeBytes;
  private final int[] edgeTargets;
  private final int[] edgeStart;
  private final int[] maxChars;

  private Grounding(byte[] edgeBytes, int[] edgeTargets, int[] edgeStart, int[] maxChars) {
    this.edgeBytes = edgeBytes;
    this.edgeTargets = edgeTargets;
    this.edgeStart = edgeStart;
    this.maxChars = maxChars;
  }

  /**
   * Builds the automaton of a page's text.
   *
   * @param sourceText the OCR text
   * @return the grounding
   */
  public static Grounding of(String sourceText) {
    byte[] text = sourceText.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < text.length; i++) {
      int b = text[i] & 0xFF;
      if (b < 0x20 && b != '\t' && b != '\n') {
        text[i] = (byte) BARRIER;
      }
    }
    // Classic online construction with sparse transitions kept as growable arrays per state.
    List<int[]> keys = new ArrayList<>();
    List<int[]> vals = new ArrayList<>();
    List<Integer> len = new ArrayList<>();
    List<Integer> link = new ArrayList<>();
    keys.add(new int[0]);
    vals.add(new int[0]);
    len.add(0);
    link.add(-1);
    int last = 0;
    for (byte by : text) {
      int c = by & 0xFF;
      int cur = keys.size();
      keys.add(new int[0]);
      vals.add(new int[0]);
      len.add(len.get(last) + 1);
      link.add(0);
      int p = last;
      while (p >= 0 && get(keys, vals, p, c) < 0) {
        put(keys, vals, p, c, cur);
        p = link.get(p);
      }
      if (p >= 0) {
        int q = get(keys, vals, p, c);
        if (len.get(p) + 1 == len.get(q)) {
          link.set(cur, q);
        } else {
          int clone = keys.size();
          keys.add(keys.get(q).clone());
          vals.add(vals.get(q).clone());
          len.add(len.get(p) + 1);
          link.add(link.get(q));
          while (p >= 0 && get(keys, vals, p, c) == q) {
            put(keys, vals, p, c, clone);
            p = link.get(p);
          }
          link.set(q, clone);
          link.set(cur, clone);
        }
      }
      last = cur;
    }
    int n = keys.size();
    int[] start = new int[n + 1];
    for (int s = 0; s < n; s++) {
      start[s + 1] = start[s] + keys.get(s).length;
    }
    byte[] eb = new byte[start[n]];
    int[] et = new int[start[n]];
    for (int s = 0; s < n; s++) {
      int[] k = keys.get(s);
      int[] v = vals.get(s);
      for (int i = 0; i < k.length; i++) {
        eb[start[s] + i] = (byte) k[i];
        et[start[s] + i] = v[i];
      }
    }
    // Longest future in characters (lead bytes), over states in decreasing length: every
    // transition goes to a state with a greater length, so this is a topological order.
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(len.get(b), len.get(a)));
    int[] maxChars = new int[n];
    for (int s : order) {
      int best = 0;
      for (int i = start[s]; i < start[s + 1]; i++) {
        int b = eb[i] & 0xFF;
        if (b == BARRIER) {
          continue;
        }
        int weight = (b & 0xC0) == 0x80 ? 0 : 1;
        best = Math.max(best, weight + maxChars[et[i]]);
      }
      maxChars[s] = best;
    }
    return new Grounding(eb, et, start, maxChars);
  }

  private static int get(List<int[]> keys, List<int[]> vals, int s, int c) {
    int[] k = keys.get(s);
    for (int i = 0; i < k.length; i++) {
      if (k[i] == c) {
        return vals.get(s)[i];
      }
    }
    return -1;
  }

  private static void put(List<int[]> keys, List<int[]> vals, int s, int c, int t) {
    int[] k = keys.get(s);
    for (int i = 0; i < k.length; i++) {
      if (k[i] == c) {
        vals.get(s)[i] = t;
        return;
      }
    }
    int[] nk = Arrays.copyOf(k, k.length + 1);
    int[] nv = Arrays.copyOf(vals.get(s), k.length + 1);
    nk[k.length] = c;
    nv[k.length] = t;
    keys.set(s, nk);
    vals.set(s, nv);
  }

  /** The start state (the empty substring). */
  static int root() {
    return 0;
  }

  /** The state after one more byte, or -1 when the bytes so far plus b occur nowhere. */
  int next(int state, int b) {
    if (b == BARRIER) {
      return -1;
    }
    for (int i = edgeStart[state]; i < edgeStart[state + 1]; i++) {
      if ((edgeBytes[i] & 0xFF) == b) {
        return edgeTargets[i];
      }
    }
    return -1;
  }

  /** How many bytes can follow a state (its out-edges). */
  int edgeCount(int state) {
    return edgeStart[state + 1] - edgeStart[state];
  }

  /** The byte of a state's i-th out-edge, 0 to 255, in no particular order. */
  int edgeByte(int state, int i) {
    return edgeBytes[edgeStart[state] + i] & 0xFF;
  }

  /** The most characters that can still follow a state. */
  int maxChars(int state) {
    return maxChars[state];
  }

  /**
   * Whether a string occurs in the text (as the automaton sees it).
   *
   * @param value the string
   * @return true when its UTF-8 bytes are a substring
   */
  public boolean contains(String value) {
    int s = root();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      s = next(s, b & 0xFF);
      if (s < 0) {
        return false;
      }
    }
    return true;
  }
}
