package dev.docsift.slm.constrain;

import dev.docsift.slm.constrain.RegexTree.Alt;
import dev.docsift.slm.constrain.RegexTree.Chars;
import dev.docsift.slm.constrain.RegexTree.Repeat;
import dev.docsift.slm.constrain.RegexTree.Seq;
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
 *
 * <p>{@link RegexParser} turns the pattern into a {@link RegexTree}; this class builds a Thompson
 * NFA from the tree and determinizes it by the subset construction, splitting code points only
 * where some NFA edge begins or ends. Both automata are bounded in size, so that a pattern such as
 * {@code (a{1000}){1000}} is refused rather than exhausting memory.
 */
final class RegexCompiler {
  private static final int MAX_NFA_STATES = 20_000;
  private static final int MAX_DFA_STATES = 4_000;

  private final String pattern;

  // Thompson NFA under construction.
  private final List<List<int[]>> edges = new ArrayList<>();
  private final List<List<Integer>> eps = new ArrayList<>();

  private RegexCompiler(String pattern) {
    this.pattern = pattern;
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
    RegexTree tree = RegexParser.parse(pattern);
    RegexCompiler compiler = new RegexCompiler(pattern);
    int[] frag = compiler.fragment(tree);
    CharDfa dfa = compiler.determinize(frag[0], frag[1]);
    if (dfa == null) {
      throw new IllegalArgumentException(
          "Pattern \"" + pattern + "\" matches no string a JSON value can hold.");
    }
    return dfa;
  }

  private IllegalArgumentException unsupported(String what) {
    return RegexParser.unsupported(pattern, what);
  }

  private int newState() {
    if (edges.size() >= MAX_NFA_STATES) {
      throw unsupported("too large once repetitions are expanded");
    }
    edges.add(new ArrayList<>());
    eps.add(new ArrayList<>());
    return edges.size() - 1;
  }

  /** Builds a fragment and returns {start, end}. */
  private int[] fragment(RegexTree rx) {
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
        for (RegexTree item : q.items()) {
          int[] f = fragment(item);
          eps.get(cur).add(f[0]);
          cur = f[1];
        }
        return new int[] {s, cur};
      }
      case Alt a -> {
        int s = newState();
        int e = newState();
        for (RegexTree option : a.options()) {
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
