package dev.docsift.slm.constrain;

import dev.docsift.slm.constrain.RegexTree.Alt;
import dev.docsift.slm.constrain.RegexTree.Chars;
import dev.docsift.slm.constrain.RegexTree.Repeat;
import dev.docsift.slm.constrain.RegexTree.Seq;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a pattern of the subset that {@link RegexCompiler} documents into a {@link RegexTree}, by
 * recursive descent over its code points: alternation, then sequence, then quantified atoms, with
 * character classes and escapes reduced to sets of code-point ranges as they are read.
 *
 * <p>The tree it returns is the language of the whole pattern under search semantics: a leading
 * {@code ^} and a trailing {@code $} are taken off, and each end they do not anchor gets a
 * repetition of any code point. Anything unsupported is refused with an {@link
 * IllegalArgumentException} naming the pattern.
 */
final class RegexParser {
  private final String pattern;
  private final int[] cps;
  private int pos;

  private RegexParser(String pattern) {
    this.pattern = pattern;
    this.cps = pattern.codePoints().toArray();
  }

  /**
   * Parses a pattern.
   *
   * @param pattern the ECMA-262 pattern of a JSON Schema
   * @return the tree of the strings it matches, anywhere in the string unless anchored
   * @throws IllegalArgumentException when the pattern uses an unsupported feature
   */
  static RegexTree parse(String pattern) {
    return new RegexParser(pattern).parseWhole();
  }

  private RegexTree parseWhole() {
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
    RegexTree body = parseAlt(end);
    if (pos != end) {
      throw unsupported("unbalanced ')' at " + pos);
    }
    if ((anchoredStart || anchoredEnd) && body instanceof Alt) {
      throw unsupported(
          "'^' or '$' applying to one alternative only; wrap the alternation in (...)");
    }
    Chars any = new Chars(new int[] {0, RegexTree.MAX_CP});
    List<RegexTree> parts = new ArrayList<>();
    if (!anchoredStart) {
      parts.add(new Repeat(any, 0, -1));
    }
    parts.add(body);
    if (!anchoredEnd) {
      parts.add(new Repeat(any, 0, -1));
    }
    return new Seq(parts);
  }

  private RegexTree parseAlt(int end) {
    List<RegexTree> options = new ArrayList<>();
    options.add(parseSeq(end));
    while (pos < end && cps[pos] == '|') {
      pos++;
      options.add(parseSeq(end));
    }
    return options.size() == 1 ? options.get(0) : new Alt(options);
  }

  private RegexTree parseSeq(int end) {
    List<RegexTree> items = new ArrayList<>();
    while (pos < end && cps[pos] != '|' && cps[pos] != ')') {
      RegexTree atom = parseAtom(end);
      items.add(parseQuantifiers(atom, end));
    }
    return items.size() == 1 ? items.get(0) : new Seq(items);
  }

  private RegexTree parseQuantifiers(RegexTree atom, int end) {
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

  private RegexTree parseAtom(int end) {
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
        RegexTree inner = parseAlt(end);
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

  private RegexTree parseClass(int end) {
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
    if (next <= RegexTree.MAX_CP) {
      out.add(next);
      out.add(RegexTree.MAX_CP);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private IllegalArgumentException unsupported(String what) {
    return unsupported(pattern, what);
  }

  /**
   * The refusal of a pattern that uses something unsupported, or that grows too large.
   *
   * @param pattern the whole pattern, which the message names
   * @param what what is unsupported, as a phrase
   * @return the exception to throw
   */
  static IllegalArgumentException unsupported(String pattern, String what) {
    return new IllegalArgumentException(
        "Unsupported regular expression in pattern \"" + pattern + "\": " + what + ".");
  }
}
