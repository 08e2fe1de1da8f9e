package dev.docsift.slm.constrain;

import java.util.Arrays;

/**
 * A JSON string whose decoded characters are a word of a {@link CharDfa}, between min and max
 * characters (code points) long. Written bytes are checked at the byte level: UTF-8 sequences may
 * be split across tokens, and a lead byte is only accepted when some character it can begin still
 * fits the automaton. Escapes: only {@code \" \\ \/ \n \t}; raw control characters never.
 * Groundable strings, in grounded mode, must also be substrings of the source text.
 */
final class StringNode implements Node {
  private static final int[] ESCAPED = {'"', '\\', '/', '\n', '\t'};

  private final CharDfa dfa;
  private final int min;
  private final int max;
  private final boolean groundable;

  /** feasible[c][s]: from state s with c characters written, the string can still be closed. */
  private final boolean[][] feasible;

  /**
   * need[c][s]: the fewest bytes of characters (escapes counted as written) that take state s with
   * c characters written to an accepting state with at least min characters; {@link #NEVER} where
   * infeasible. The closing quote is not counted.
   */
  private final int[][] need;

  private static final int NEVER = Integer.MAX_VALUE / 4;

  /** Every count from min to this one has the same feasibility and distance columns as min. */
  private final int stableUpTo;

  private final boolean[] uniform;
  private final StringFrame start;

  /**
   * @param dfa the allowed values
   * @param min minLength
   * @param max maxLength (already capped)
   * @param groundable whether grounding applies (free text, no enum, pattern or format)
   * @throws IllegalArgumentException when no string satisfies all constraints
   */
  StringNode(CharDfa dfa, int min, int max, boolean groundable, String where) {
    this.dfa = dfa;
    this.min = min;
    this.max = max;
    this.groundable = groundable;
    int n = dfa.stateCount();
    if (min > max) {
      throw new IllegalArgumentException(where + ": minLength is above maxLength.");
    }
    feasible = new boolean[max + 1][n];
    for (int c = max; c >= 0; c--) {
      for (int s = 0; s < n; s++) {
        boolean f = dfa.accepting(s) && c >= min;
        if (!f && c < max) {
          for (int t : dfa.targets(s)) {
            if (feasible[c + 1][t]) {
              f = true;
              break;
            }
          }
        }
        feasible[c][s] = f;
      }
    }
    need = new int[max + 1][n];
    for (int c = max; c >= 0; c--) {
      for (int s = 0; s < n; s++) {
        int best = dfa.accepting(s) && c >= min ? 0 : NEVER;
        if (c < max) {
          int[] l = dfa.lows(s);
          int[] h = dfa.highs(s);
          int[] t = dfa.targets(s);
          for (int i = 0; i < t.length; i++) {
            if (need[c + 1][t[i]] < NEVER) {
              best = Math.min(best, cheapest(l[i], h[i]) + need[c + 1][t[i]]);
            }
          }
        }
        need[c][s] = best;
      }
    }
    if (!feasible[0][0]) {
      throw new IllegalArgumentException(where + ": no string satisfies its length and pattern.");
    }
    int stable = min;
    // Distances too: frames folded together must agree on minBytesToFinish, which the budget's
    // masks filter on (see TopFrameMasks#within).
    while (stable + 1 <= max
        && Arrays.equals(feasible[stable + 1], feasible[min])
        && Arrays.equals(need[stable + 1], need[min])) {
      stable++;
    }
    stableUpTo = stable;
    uniform = new boolean[n];
    for (int s = 0; s < n; s++) {
      uniform[s] = dfa.uniformAboveAscii(s);
    }
    start = new StringFrame(this, -1, 0, 0, 0, 0, 0, false, -1);
  }

  @Override
  public Frame start() {
    return start;
  }

  /**
   * Whether the count of characters matters only against minLength and maxLength: one accepting
   * automaton state, so from minLength on a token fits exactly when the characters it writes or
   * begins fit under maxLength (see {@link TopFrameMasks}, which derives such masks by length).
   */
  boolean lengthOnly() {
    return dfa.stateCount() == 1 && dfa.accepting(0);
  }

  /** Whether this is a {@link #roomy} twin. */
  boolean isRoomy() {
    return roomy == this;
  }

  /**
   * A twin of a {@link #lengthOnly} string, never grounded, whose maxLength leaves room for {@code
   * k} more characters from minLength: its masks hold every token the automaton admits, whatever
   * its length.
   */
  StringNode roomy(int k) {
    StringNode r = roomy;
    if (r == null) {
      r = new StringNode(dfa, min, min + k + 2, false, "roomy twin");
      r.roomy = r;
      roomy = r; // a race builds an equal twin twice, harmlessly
    }
    return r;
  }

  int maxLength() {
    return max;
  }

  int minLength() {
    return min;
  }

  private volatile StringNode roomy;

  /** Whether grounding applies to this string's values. */
  boolean groundable() {
    return groundable;
  }

  @Override
  public boolean canStartWith(int b) {
    return b == '"';
  }

  @Override
  public int minBytes() {
    return 2 + need[0][0];
  }

  /** The fewest bytes a character in [lo, hi] takes as this syntax writes it. */
  static int cheapest(int lo, int hi) {
    // Plain ASCII from space, except the two that must be escaped.
    if (lo <= 0x7F && hi >= 0x20) {
      int a = Math.max(lo, 0x20);
      int b = Math.min(hi, 0x7F);
      if (b - a + 1 > (a <= '"' && '"' <= b ? 1 : 0) + (a <= '\\' && '\\' <= b ? 1 : 0)) {
        return 1;
      }
    }
    if (lo <= 0x7F) {
      return 2; // \t, \n, \" or \\
    }
    return lo <= 0x7FF ? 2 : lo <= 0xFFFF ? 3 : 4;
  }

  /** The state after one more character, or -1 when the string could no longer be closed. */
  private int charTarget(int state, int chars, int cp) {
    int t = dfa.next(state, cp);
    return t >= 0 && chars + 1 <= max && feasible[chars + 1][t] ? t : -1;
  }

  /** Whether some character in [lo, hi] can come next. */
  private boolean someCharIn(int state, int chars, int lo, int hi) {
    if (chars + 1 > max) {
      return false;
    }
    int[] l = dfa.lows(state);
    int[] h = dfa.highs(state);
    int[] t = dfa.targets(state);
    for (int i = 0; i < l.length; i++) {
      if (l[i] <= hi && h[i] >= lo && feasible[chars + 1][t[i]]) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param dfa the automaton state; -1 before the opening quote
   * @param chars characters completed
   * @param pending continuation bytes still due for the current character
   * @param partial the bits of the current character so far
   * @param contLo lowest byte allowed as the next continuation byte
   * @param contHi highest byte allowed as the next continuation byte
   * @param escape after a backslash
   * @param sam the grounding automaton state; -1 when not grounded
   */
  record StringFrame(
      StringNode node,
      int dfa,
      int chars,
      int pending,
      int partial,
      int contLo,
      int contHi,
      boolean escape,
      int sam)
      implements Frame {

    @Override
    public ParseState feed(StepContext ctx, ParseState below, int b) {
      StringNode n = node;
      if (dfa < 0) {
        if (b != '"') {
          return null;
        }
        Grounding g = ctx.grounding();
        // Ground only when the text can satisfy minLength; otherwise the field could not be filled.
        int s =
            n.groundable && g != null && g.maxChars(Grounding.root()) >= n.min
                ? Grounding.root()
                : -1;
        return below.push(new StringFrame(n, 0, 0, 0, 0, 0, 0, false, s));
      }
      if (escape) {
        int cp =
            switch (b) {
              case '"' -> '"';
              case '\\' -> '\\';
              case '/' -> '/';
              case 'n' -> '\n';
              case 't' -> '\t';
              default -> -1;
            };
        return cp < 0 ? null : afterAscii(ctx, below, cp);
      }
      if (pending > 0) {
        return continuation(ctx, below, b);
      }
      if (b == '"') {
        return n.dfa.accepting(dfa) && chars >= n.min ? below : null;
      }
      if (b == '\\') {
        for (int cp : ESCAPED) {
          if (n.charTarget(dfa, chars, cp) >= 0 && groundedNext(ctx, cp, chars + 1) != -2) {
            return below.push(new StringFrame(n, dfa, chars, 0, 0, 0, 0, true, sam));
          }
        }
        return null;
      }
      if (b < 0x20) {
        return null;
      }
      if (b < 0x80) {
        return afterAscii(ctx, below, b);
      }
      return lead(ctx, below, b);
    }

    private ParseState afterAscii(StepContext ctx, ParseState below, int cp) {
      int t = node.charTarget(dfa, chars, cp);
      if (t < 0) {
        return null;
      }
      int s = groundedNext(ctx, cp, chars + 1);
      return s == -2 ? null : below.push(new StringFrame(node, t, chars + 1, 0, 0, 0, 0, false, s));
    }

    /** A UTF-8 lead byte: which characters can it begin, and does one of them fit? */
    private ParseState lead(StepContext ctx, ParseState below, int b) {
      int rest;
      int bits;
      int lo = 0x80;
      int hi = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) {
        rest = 1;
        bits = b & 0x1F;
      } else if (b >= 0xE0 && b <= 0xEF) {
        rest = 2;
        bits = b & 0x0F;
        // No overlong forms, no surrogates.
        lo = b == 0xE0 ? 0xA0 : 0x80;
        hi = b == 0xED ? 0x9F : 0xBF;
      } else if (b >= 0xF0 && b <= 0xF4) {
        rest = 3;
        bits = b & 0x07;
        lo = b == 0xF0 ? 0x90 : 0x80;
        hi = b == 0xF4 ? 0x8F : 0xBF;
      } else {
        return null;
      }
      int shift = 6 * rest;
      int below6 = (1 << (shift - 6)) - 1;
      int first = (bits << shift) | ((lo & 0x3F) << (shift - 6));
      int last = (bits << shift) | ((hi & 0x3F) << (shift - 6)) | below6;
      if (!node.someCharIn(dfa, chars, first, last)) {
        return null;
      }
      int s = groundedNext(ctx, b, chars + 1);
      return s == -2
          ? null
          : below.push(new StringFrame(node, dfa, chars, rest, bits, lo, hi, false, s));
    }

    private ParseState continuation(StepContext ctx, ParseState below, int b) {
      if (b < contLo || b > contHi) {
        return null;
      }
      int bits = (partial << 6) | (b & 0x3F);
      int rest = pending - 1;
      int s = groundedNext(ctx, b, chars + 1);
      if (s == -2) {
        return null;
      }
      if (rest == 0) {
        int t = node.charTarget(dfa, chars, bits);
        return t < 0 ? null : below.push(new StringFrame(node, t, chars + 1, 0, 0, 0, 0, false, s));
      }
      int shift = 6 * rest;
      int first = bits << shift;
      if (!node.someCharIn(dfa, chars, first, first | ((1 << shift) - 1))) {
        return null;
      }
      return below.push(new StringFrame(node, dfa, chars, rest, bits, 0x80, 0xBF, false, s));
    }

    /**
     * The grounding state after one more byte: -1 when not grounded, -2 when the text cannot follow
     * or could no longer reach minLength.
     *
     * @param charsAfter the characters written, counting the one this byte belongs to
     */
    private int groundedNext(StepContext ctx, int b, int charsAfter) {
      if (sam < 0) {
        return -1;
      }
      Grounding g = ctx.grounding();
      int s = g.next(sam, b);
      return s >= 0 && charsAfter + g.maxChars(s) >= node.min ? s : -2;
    }

    @Override
    public boolean canEnd() {
      return false;
    }

    /** The characters written, counting one begun (a lead byte or a backslash) as written. */
    int charsUsed() {
      return chars + (pending > 0 || escape ? 1 : 0);
    }

    /** This frame on another node, at another count, ungrounded. */
    StringFrame on(StringNode other, int count) {
      return new StringFrame(other, dfa, count, pending, partial, contLo, contHi, escape, -1);
    }

    @Override
    public int candidateCount(StepContext ctx) {
      // Inside a grounded string every byte must follow the page's text: the automaton's edges,
      // plus the closing quote and the backslash of an escape (whose escaped byte is checked
      // against the text in the escape frame, which gives no list).
      if (sam < 0 || escape) {
        return -1;
      }
      int edges = ctx.grounding().edgeCount(sam);
      return pending > 0 ? edges : edges + 2;
    }

    @Override
    public int candidate(StepContext ctx, int i) {
      Grounding g = ctx.grounding();
      int edges = g.edgeCount(sam);
      if (i < edges) {
        int b = g.edgeByte(sam, i);
        // A quote or backslash in the page is listed once, below, for what it does here.
        return pending == 0 && (b == '"' || b == '\\') ? -1 : b;
      }
      return i == edges ? '"' : '\\';
    }

    @Override
    public boolean readsGrounding() {
      // Before the opening quote the grounding only decides the next frame, which says it then.
      return dfa >= 0 && node.groundable;
    }

    @Override
    public int minBytesToFinish() {
      StringNode n = node;
      if (dfa < 0) {
        return n.minBytes();
      }
      if (escape) {
        int best = NEVER;
        for (int cp : ESCAPED) {
          int t = n.charTarget(dfa, chars, cp);
          if (t >= 0) {
            best = Math.min(best, 1 + n.need[chars + 1][t]);
          }
        }
        return best + 1;
      }
      if (pending > 0) {
        // The characters the written lead and continuation bytes can still become.
        int shift = 6 * (pending - 1);
        int first = (partial << (6 * pending)) | ((contLo & 0x3F) << shift);
        int last = (partial << (6 * pending)) | ((contHi & 0x3F) << shift) | ((1 << shift) - 1);
        int[] l = n.dfa.lows(dfa);
        int[] h = n.dfa.highs(dfa);
        int[] t = n.dfa.targets(dfa);
        int best = NEVER;
        for (int i = 0; i < t.length && chars + 1 <= n.max; i++) {
          if (l[i] <= last && h[i] >= first) {
            best = Math.min(best, pending + n.need[chars + 1][t[i]]);
          }
        }
        return best + 1;
      }
      return n.need[chars][dfa] + 1;
    }

    @Override
    public Frame canonical(int k) {
      if (dfa < 0) {
        return this;
      }
      // A token writes at most k characters, all counted in columns the table shows as equal.
      int c = chars >= node.min && chars + k + 1 <= node.stableUpTo ? -1 : chars;
      int p = pending > 0 && node.uniform[dfa] ? 0 : partial;
      return c == chars && p == partial
          ? this
          : new StringFrame(node, dfa, c, pending, p, contLo, contHi, escape, sam);
    }
  }
}
