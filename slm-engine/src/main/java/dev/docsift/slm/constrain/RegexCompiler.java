package dev.docsift.slm.constrain;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compiles the regular expression subset of JSON Schema {@code pattern}s docsift supports into a
 * {@link CharDfa} that accepts exactly the strings the pattern matches (search semantics: a pattern
 * without {@code ^} / {@code $} may be preceded / followed by anything).
 *
 * <p>Supported: {@code ^} at the very start and {@code $} at the very end, literals, escapes
 * ({@code \. \\ \d \w \s \n \t \r \f \v}, {@code \\u} + four hex digits and any escaped
 * punctuation), {@code .}, classes {@code [a-z_]} and {@code [^...]}, groups {@code (...)} and
 * {@code (?:...)}, alternation, and the quantifiers {@code ? * + {n} {n,} {n,m}} (lazy forms
 * accepted). Anything else (back references, lookaround, {@code \b}, {@code \D}, flags) is refused
 * with an {@link IllegalArgumentException} naming the pattern.
 */
final class RegexCompiler {
  private static final int MAX_NFA_STATES = 20_000;
  private static final int MAX_DFA_STATES = 4_000;
  private static final int MAX_CP = 0x10FFFF;

  private sealed interface Rx permits Chars, Seq, Alt, Repeat {}

  /** A set of code points as sorted, disjoint [lo, hi] pairs. */
  private record Chars(int[] ranges) implements Rx {}

  private record Seq(List<Rx> items) implements Rx {}

  private record Alt(List<Rx> options) implements Rx {}

  /** Repeats min to max times; max -1 is unbounded. */
  private record Repeat(Rx body, int min, int max) implements Rx {}

  private final String pattern;
  private final int[] cps;
  private int pos;

  // Thompson NFA under construction.
  private final List<List<int[]>> edges = new ArrayList<>();
  private final List<List<Integer>> eps = new ArrayList<>();

  private RegexCompiler(String pattern) {
    this.pattern = pattern;
    this.cps = pattern.codePoints().toArray();
  }

  /**
   * Compiles a pattern.
   *
   * @param pattern the ECMA-262 pattern of a JSON Schema
   * @return the automaton
   * @throws IllegalArgumentException when the pattern uses an unsupported feature or matches no
   *     JSON-writable string
   */
  static CharDfa compile(String pattern) {
    return new RegexCompiler(pattern).build();
  }

  private CharDfa build() {
    int start = 0;
    int end = cps.length;
    boolean anchoredStart = end > 0 && cps[0] == '^';
    if (anchoredStart) {
      start = 1;
    }
    boolean anchoredEnd = end > start && cps[end - 1] == '$' && !(end >= 2 && cps[end - 2] == '\\');
    if (anchoredEnd) {
      end--;
    }
    pos = start;
    Rx body = parseAlt(end);
    if (pos != end) {
      throw unsupported("unbalanced ')' at " + pos);
    }
    if ((anchoredStart || anchoredEnd) && body instanceof Alt) {
      throw unsupported(
          "'^' or '$' applying to one alternative only; wrap the alternation in (...)");
    }
    Chars any = new Chars(new int[] {0, MAX_CP});
    List<Rx> parts = new ArrayList<>();
    if (!anchoredStart) {
      parts.add(new Repeat(any, 0, -1));
    }
    parts.add(body);
    if (!anchoredEnd) {
      parts.add(new Repeat(any, 0, -1));
    }
    int[] frag = fragment(new Seq(parts));
    CharDfa dfa = determinize(frag[0], frag[1]);
    if (dfa == null) {
      throw new IllegalArgumentException(
          "Pattern \"" + pattern + "\" matches no string a JSON value can hold.");
    }
    return dfa;
  }

  // ---- parsing ----

  private Rx parseAlt(int end) {
    List<Rx> options = new ArrayList<>();
    options.add(parseSeq(end));
    while (pos < end && cps[pos] == '|') {
      pos++;
      options.add(parseSeq(end));
    }
    return options.size() == 1 ? options.get(0) : new Alt(options);
  }

  private Rx parseSeq(int end) {
    List<Rx> items = new ArrayList<>();
    while (pos < end && cps[pos] != '|' && cps[pos] != ')') {
      Rx atom = parseAtom(end);
      items.add(parseQuantifiers(atom, end));
    }
    return items.size() == 1 ? items.get(0) : new Seq(items);
  }

  private Rx parseQuantifiers(Rx atom, int end) {
    while (pos < end) {
      int c = cps[pos];
      int min;
      int max;
      if (c == '*') {
        min = 0;
        max = -1;
        pos++;
      } else if (c == '+') {
        min = 1;
        max = -1;
        pos++;
      } else if (c == '?') {
        min = 0;
        max = 1;
        pos++;
      } else if (c == '{') {
        int close = pos + 1;
        while (close < end && cps[close] != '}') {
          close++;
        }
        if (close >= end) {
          throw unsupported("'{' without '}'");
        }
        String spec = new String(cps, pos + 1, close - pos - 1);
        if (!spec.matches("\\d{1,4}(,\\d{0,4})?")) {
          throw unsupported("quantifier {" + spec + "}");
        }
        int comma = spec.indexOf(',');
        min = Integer.parseInt(comma < 0 ? spec : spec.substring(0, comma));
        max =
            comma < 0
                ? min
                : comma == spec.length() - 1 ? -1 : Integer.parseInt(spec.substring(comma + 1));
        if (max >= 0 && max < min) {
          throw unsupported("quantifier {" + spec + "} with max below min");
        }
        pos = close + 1;
      } else {
        return atom;
      }
      if (pos < end && cps[pos] == '?') {
        pos++; // lazy: same language
      } else if (pos < end && cps[pos] == '+') {
        throw unsupported("possessive quantifier");
      }
      atom = new Repeat(atom, min, max);
    }
    return atom;
  }

  private Rx parseAtom(int end) {
    int c = cps[pos++];
    switch (c) {
      case '(' -> {
        if (pos < end && cps[pos] == '?') {
          if (pos + 1 < end && cps[pos + 1] == ':') {
            pos += 2;
          } else {
            throw unsupported(
                "group construct (?"
                    + (pos + 1 < end ? Character.toString(cps[pos + 1]) : "")
                    + "...)");
          }
        }
        Rx inner = parseAlt(end);
        if (pos >= end || cps[pos] != ')') {
          throw unsupported("'(' without ')'");
        }
        pos++;
        return new Seq(List.of(inner)); // a group: no longer a top-level alternation
      }
      case '[' -> {
        return parseClass(end);
      }
      case '.' -> {
        return new Chars(complement(new int[] {'\n', '\n', '\r', '\r', 0x2028, 0x2029}));
      }
      case '\\' -> {
        if (pos >= end) {
          throw unsupported("trailing '\\'");
        }
        return new Chars(escape(cps[pos++], end));
      }
      case '^', '$' -> throw unsupported("anchor '" + (char) c + "' inside the pattern");
      case '*', '+', '?', '{' ->
          throw unsupported("quantifier '" + (char) c + "' with nothing to repeat");
      default -> {
        return new Chars(new int[] {c, c});
      }
    }
  }

  private int[] escape(int c, int end) {
    return switch (c) {
      case 'd' -> new int[] {'0', '9'};
      case 'w' -> normalize(new int[] {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'});
      case 's' -> normalize(new int[] {'\t', '\r', ' ', ' '});
      case 'n' -> new int[] {'\n', '\n'};
      case 't' -> new int[] {'\t', '\t'};
      case 'r' -> new int[] {'\r', '\r'};
      case 'f' -> new int[] {'\f', '\f'};
      case 'v' -> new int[] {0x0B, 0x0B};
      case 'u' -> {
        if (pos + 4 > end) {
          throw unsupported("short \\u escape");
        }
        String hex = new String(cps, pos, 4);
        if (!hex.matches("[0-9A-Fa-f]{4}")) {
          throw unsupported("\\u" + hex);
        }
        pos += 4;
        int v = Integer.parseInt(hex, 16);
        yield new int[] {v, v};
      }
      default -> {
        if (Character.isLetterOrDigit(c)) {
          throw unsupported("escape \\" + Character.toString(c));
        }
        yield new int[] {c, c};
      }
    };
  }

  private Rx parseClass(int end) {
    boolean negate = pos < end && cps[pos] == '^';
    if (negate) {
      pos++;
    }
    List<Integer> ranges = new ArrayList<>();
    boolean first = true;
    while (true) {
      if (pos >= end) {
        throw unsupported("'[' without ']'");
      }
      int c = cps[pos];
      if (c == ']' && !first) {
        pos++;
        break;
      }
      first = false;
      pos++;
      int[] item;
      if (c == '\\') {
        if (pos >= end) {
          throw unsupported("trailing '\\'");
        }
        item = escape(cps[pos++], end);
      } else if (c == '[') {
        throw unsupported("nested class or class set");
      } else {
        item = new int[] {c, c};
      }
      // A range a-b, unless '-' is last in the class.
      if (item.length == 2
          && item[0] == item[1]
          && pos + 1 < end
          && cps[pos] == '-'
          && cps[pos + 1] != ']') {
        pos++;
        int h = cps[pos++];
        if (h == '\\') {
          int[] e = escape(cps[pos++], end);
          if (e.length != 2 || e[0] != e[1]) {
            throw unsupported("class range ending in a class escape");
          }
          h = e[0];
        }
        if (h < item[0]) {
          throw unsupported("class range out of order");
        }
        item = new int[] {item[0], h};
      }
      for (int v : item) {
        ranges.add(v);
      }
    }
    int[] set = normalize(ranges.stream().mapToInt(Integer::intValue).toArray());
    return new Chars(negate ? complement(set) : set);
  }

  private static int[] normalize(int[] pairs) {
    List<int[]> list = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      list.add(new int[] {pairs[i], pairs[i + 1]});
    }
    list.sort((a, b) -> a[0] - b[0]);
    List<Integer> out = new ArrayList<>();
    for (int[] r : list) {
      int n = out.size();
      if (n > 0 && r[0] <= out.get(n - 1) + 1) {
        out.set(n - 1, Math.max(out.get(n - 1), r[1]));
      } else {
        out.add(r[0]);
        out.add(r[1]);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] complement(int[] set) {
    int[] s = normalize(set);
    List<Integer> out = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < s.length; i += 2) {
      if (s[i] > next) {
        out.add(next);
        out.add(s[i] - 1);
      }
      next = s[i + 1] + 1;
    }
    if (next <= MAX_CP) {
      out.add(next);
      out.add(MAX_CP);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private IllegalArgumentException unsupported(String what) {
    return new IllegalArgumentException(
        "Unsupported regular expression in pattern \"" + pattern + "\": " + what + ".");
  }

  // ---- Thompson construction ----

  private int newState() {
    if (edges.size() >= MAX_NFA_STATES) {
      throw unsupported("too large once repetitions are expanded");
    }
    edges.add(new ArrayList<>());
    eps.add(new ArrayList<>());
    return edges.size() - 1;
  }

  /** Builds a fragment and returns {start, end}. */
  private int[] fragment(Rx rx) {
    switch (rx) {
      case Chars c -> {
        int s = newState();
        int e = newState();
        for (int i = 0; i < c.ranges().length; i += 2) {
          edges.get(s).add(new int[] {c.ranges()[i], c.ranges()[i + 1], e});
        }
        return new int[] {s, e};
      }
      case Seq q -> {
        int s = newState();
        int cur = s;
        for (Rx item : q.items()) {
          int[] f = fragment(item);
          eps.get(cur).add(f[0]);
          cur = f[1];
        }
        return new int[] {s, cur};
      }
      case Alt a -> {
        int s = newState();
        int e = newState();
        for (Rx option : a.options()) {
          int[] f = fragment(option);
          eps.get(s).add(f[0]);
          eps.get(f[1]).add(e);
        }
        return new int[] {s, e};
      }
      case Repeat r -> {
        int s = newState();
        int cur = s;
        for (int i = 0; i < r.min(); i++) {
          int[] f = fragment(r.body());
          eps.get(cur).add(f[0]);
          cur = f[1];
        }
        int e = newState();
        eps.get(cur).add(e);
        if (r.max() < 0) {
          int[] f = fragment(r.body());
          eps.get(cur).add(f[0]);
          eps.get(f[1]).add(cur);
        } else {
          for (int i = r.min(); i < r.max(); i++) {
            int[] f = fragment(r.body());
            eps.get(cur).add(f[0]);
            cur = f[1];
            eps.get(cur).add(e);
          }
        }
        return new int[] {s, e};
      }
    }
  }

  private BitSet closure(BitSet set) {
    BitSet out = (BitSet) set.clone();
    ArrayList<Integer> stack = new ArrayList<>();
    set.stream().forEach(stack::add);
    while (!stack.isEmpty()) {
      int s = stack.remove(stack.size() - 1);
      for (int t : eps.get(s)) {
        if (!out.get(t)) {
          out.set(t);
          stack.add(t);
        }
      }
    }
    return out;
  }

  private CharDfa determinize(int start, int accept) {
    Map<BitSet, Integer> ids = new HashMap<>();
    List<BitSet> sets = new ArrayList<>();
    List<List<int[]>> transitions = new ArrayList<>();
    BitSet first = new BitSet();
    first.set(start);
    first = closure(first);
    ids.put(first, 0);
    sets.add(first);
    for (int d = 0; d < sets.size(); d++) {
      if (sets.size() > MAX_DFA_STATES) {
        throw unsupported("too many automaton states");
      }
      BitSet members = sets.get(d);
      TreeSet<Integer> bounds = new TreeSet<>();
      List<int[]> out = new ArrayList<>();
      members.stream()
          .forEach(
              s ->
                  edges
                      .get(s)
                      .forEach(
                          e -> {
                            bounds.add(e[0]);
                            bounds.add(e[1] + 1);
                          }));
      Integer[] points = bounds.toArray(new Integer[0]);
      for (int i = 0; i + 1 < points.length; i++) {
        int l = points[i];
        int h = points[i + 1] - 1;
        BitSet target = new BitSet();
        members.stream()
            .forEach(
                s ->
                    edges
                        .get(s)
                        .forEach(
                            e -> {
                              if (e[0] <= l && h <= e[1]) {
                                target.set(e[2]);
                              }
                            }));
        if (target.isEmpty()) {
          continue;
        }
        BitSet closed = closure(target);
        Integer id = ids.get(closed);
        if (id == null) {
          id = sets.size();
          ids.put(closed, id);
          sets.add(closed);
        }
        int n = out.size();
        if (n > 0 && out.get(n - 1)[2] == id && out.get(n - 1)[1] + 1 == l) {
          out.get(n - 1)[1] = h;
        } else {
          out.add(new int[] {l, h, id});
        }
      }
      transitions.add(out);
    }
    boolean[] acc = new boolean[sets.size()];
    for (int i = 0; i < acc.length; i++) {
      acc[i] = sets.get(i).get(accept);
    }
    return CharDfa.of(transitions, acc);
  }
}
