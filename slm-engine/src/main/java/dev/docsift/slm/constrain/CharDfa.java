package dev.docsift.slm.constrain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A deterministic automaton over Unicode code points: each state maps sorted, disjoint code point
 * ranges to target states. State 0 is the start. Every state can reach an accepting state (dead
 * states are trimmed), and every transition is on a character a JSON string can carry (tab, line
 * feed or anything from U+0020 up, surrogates excluded). Immutable.
 */
final class CharDfa {
  /** The characters {@link JsonStringSyntax} can write: \t and \n escaped, the rest from space. */
  static final int[] EMITTABLE = {0x09, 0x0A, 0x20, 0xD7FF, 0xE000, 0x10FFFF};

  private final int[][] lo;
  private final int[][] hi;
  private final int[][] to;
  private final boolean[] accept;

  private CharDfa(int[][] lo, int[][] hi, int[][] to, boolean[] accept) {
    this.lo = lo;
    this.hi = hi;
    this.to = to;
    this.accept = accept;
  }

  /** The automaton of every string of emittable characters. */
  static CharDfa anyString() {
    int n = EMITTABLE.length / 2;
    int[] l = new int[n];
    int[] h = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = EMITTABLE[2 * i];
      h[i] = EMITTABLE[2 * i + 1];
    }
    return new CharDfa(
        new int[][] {l}, new int[][] {h}, new int[][] {new int[n]}, new boolean[] {true});
  }

  /**
   * Builds an automaton from raw transitions, clipping them to emittable characters and trimming
   * states that cannot reach acceptance.
   *
   * @return the automaton, or null when the start state cannot reach acceptance (empty language)
   */
  static CharDfa of(List<List<int[]>> transitions, boolean[] accept) {
    int n = accept.length;
    List<List<int[]>> clipped = new ArrayList<>();
    for (List<int[]> state : transitions) {
      List<int[]> out = new ArrayList<>();
      for (int[] t : state) {
        for (int e = 0; e < EMITTABLE.length; e += 2) {
          int l = Math.max(t[0], EMITTABLE[e]);
          int h = Math.min(t[1], EMITTABLE[e + 1]);
          if (l <= h) {
            out.add(new int[] {l, h, t[2]});
          }
        }
      }
      clipped.add(out);
    }
    // Co-reachability: walk reversed edges from the accepting states.
    boolean[] live = new boolean[n];
    List<List<Integer>> reverse = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      reverse.add(new ArrayList<>());
    }
    for (int s = 0; s < n; s++) {
      for (int[] t : clipped.get(s)) {
        reverse.get(t[2]).add(s);
      }
    }
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int s = 0; s < n; s++) {
      if (accept[s]) {
        live[s] = true;
        queue.add(s);
      }
    }
    while (!queue.isEmpty()) {
      for (int p : reverse.get(queue.poll())) {
        if (!live[p]) {
          live[p] = true;
          queue.add(p);
        }
      }
    }
    if (!live[0]) {
      return null;
    }
    int[] renumber = new int[n];
    int count = 0;
    for (int s = 0; s < n; s++) {
      renumber[s] = live[s] ? count++ : -1;
    }
    int[][] l = new int[count][];
    int[][] h = new int[count][];
    int[][] t = new int[count][];
    boolean[] acc = new boolean[count];
    for (int s = 0; s < n; s++) {
      if (!live[s]) {
        continue;
      }
      List<int[]> edges =
          clipped.get(s).stream().filter(e -> live[e[2]]).sorted((a, b) -> a[0] - b[0]).toList();
      int r = renumber[s];
      l[r] = edges.stream().mapToInt(e -> e[0]).toArray();
      h[r] = edges.stream().mapToInt(e -> e[1]).toArray();
      t[r] = edges.stream().mapToInt(e -> renumber[e[2]]).toArray();
      acc[r] = accept[s];
    }
    return new CharDfa(l, h, t, acc);
  }

  int stateCount() {
    return accept.length;
  }

  boolean accepting(int state) {
    return accept[state];
  }

  /** The target of a character, or -1. */
  int next(int state, int cp) {
    int[] l = lo[state];
    int[] h = hi[state];
    // Few ranges per state: a linear scan beats a binary search here.
    for (int i = 0; i < l.length; i++) {
      if (cp < l[i]) {
        return -1;
      }
      if (cp <= h[i]) {
        return to[state][i];
      }
    }
    return -1;
  }

  int[] lows(int state) {
    return lo[state];
  }

  int[] highs(int state) {
    return hi[state];
  }

  int[] targets(int state) {
    return to[state];
  }

  /** Whether the whole string is in the language. */
  boolean matches(String s) {
    int state = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      state = next(state, cp);
      if (state < 0) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return accept[state];
  }

  /**
   * Whether every non-ASCII character leads from a state to one and the same target, so that the
   * bytes of a partly written character need not be tracked for this state.
   */
  boolean uniformAboveAscii(int state) {
    int target = -1;
    int covered = 0x80;
    for (int i = 0; i < lo[state].length; i++) {
      if (hi[state][i] < 0x80) {
        continue;
      }
      int l = Math.max(lo[state][i], 0x80);
      if (l > covered && !(covered == 0xD800 && l == 0xE000)) {
        return false;
      }
      if (target >= 0 && to[state][i] != target) {
        return false;
      }
      target = to[state][i];
      covered = hi[state][i] + 1;
    }
    return covered > 0x10FFFF;
  }

  @Override
  public String toString() {
    return "CharDfa" + Arrays.toString(accept);
  }
}
