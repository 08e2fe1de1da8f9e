package dev.docsift.slm.constrain;

import java.util.List;

/**
 * The syntax tree of a supported regular expression, as {@link RegexParser} builds it and {@link
 * RegexCompiler} turns it into an automaton. Four shapes suffice: a set of code points, a sequence,
 * an alternation, and a repetition; a group is a sequence of one item, and {@code .}, escapes and
 * classes are all sets of code points.
 */
sealed interface RegexTree permits RegexTree.Chars, RegexTree.Seq, RegexTree.Alt, RegexTree.Repeat {
  /** The largest code point. */
  int MAX_CP = 0x10FFFF;

  /** A set of code points as sorted, disjoint [lo, hi] pairs. */
  record Chars(int[] ranges) implements RegexTree {}

  /** The items one after the other. */
  record Seq(List<RegexTree> items) implements RegexTree {}

  /** Any one of the options. */
  record Alt(List<RegexTree> options) implements RegexTree {}

  /** Repeats min to max times; max -1 is unbounded. */
  record Repeat(RegexTree body, int min, int max) implements RegexTree {}
}
