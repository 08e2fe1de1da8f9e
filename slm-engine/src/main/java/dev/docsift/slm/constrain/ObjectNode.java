package dev.docsift.slm.constrain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A closed object: its properties are written in declaration order, each at most once, optional
 * ones may be skipped and required ones may not. Keys are matched through a trie of {@code "key":}
 * byte strings.
 */
final class ObjectNode implements Node {
  private static final int START = 0;
  private static final int OPEN = 1;
  private static final int KEY = 2;
  private static final int AFTER_VALUE = 3;
  private static final int AFTER_COMMA = 4;

  private final Node[] values;
  private final ByteTrie keys;

  /** Per trie node, the property indices in its subtree, ascending. */
  private final int[][] subtree;

  /** limit[next]: the last property index that may come next (the first required one). */
  private final int[] limit;

  /** closable[next]: no required property at or after next. */
  private final boolean[] closable;

  /** keyLength[p]: the bytes of {@code "key":} of property p. */
  private final int[] keyLength;

  /** The depth of each key trie node (bytes of key matched). */
  private final int[] depth;

  /**
   * tail[next]: the fewest bytes after a value to close, writing {@code ,"key":value} per required
   * property from next on, then '}'.
   */
  private final int[] tail;

  /** afterComma[next]: the fewest bytes to close when a property from next on must be written. */
  private final int[] afterComma;

  private final int minBytes;

  /**
   * @param jsonKeys the properties' keys as JSON string literals, quotes included
   * @param values the properties' value syntaxes
   * @param required whether each property is required
   */
  ObjectNode(List<String> jsonKeys, List<Node> values, boolean[] required) {
    int n = values.size();
    this.values = values.toArray(new Node[0]);
    List<byte[]> strings = new ArrayList<>();
    for (String k : jsonKeys) {
      strings.add((k + ":").getBytes(StandardCharsets.UTF_8));
    }
    keys = new ByteTrie(strings);
    List<List<Integer>> sub = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      sub.add(new ArrayList<>());
    }
    for (int p = 0; p < n; p++) {
      int node = 0;
      sub.get(0).add(p);
      for (byte b : strings.get(p)) {
        node = keys.next(node, b & 0xFF);
        sub.get(node).add(p);
      }
    }
    subtree = new int[keys.size()][];
    for (int i = 0; i < keys.size(); i++) {
      subtree[i] = sub.get(i).stream().mapToInt(Integer::intValue).sorted().toArray();
    }
    limit = new int[n + 1];
    closable = new boolean[n + 1];
    int firstRequired = n;
    closable[n] = true;
    limit[n] = n - 1;
    for (int i = n - 1; i >= 0; i--) {
      if (required[i]) {
        firstRequired = i;
      }
      closable[i] = firstRequired == n;
      limit[i] = Math.min(firstRequired, n - 1);
    }
    keyLength = new int[n];
    for (int p = 0; p < n; p++) {
      keyLength[p] = strings.get(p).length;
    }
    depth = new int[keys.size()];
    // Trie children are numbered after their parents: one forward sweep sets every depth.
    for (int t = 0; t < keys.size(); t++) {
      for (int b = 0; b < 256; b++) {
        int c = keys.next(t, b);
        if (c >= 0) {
          depth[c] = depth[t] + 1;
        }
      }
    }
    tail = new int[n + 1];
    tail[n] = 1;
    for (int p = n - 1; p >= 0; p--) {
      tail[p] = tail[p + 1] + (required[p] ? 1 + keyLength[p] + this.values[p].minBytes() : 0);
    }
    afterComma = new int[n + 1];
    afterComma[n] = Integer.MAX_VALUE; // no comma is accepted once every property is written
    for (int next = 0; next < n; next++) {
      int best = Integer.MAX_VALUE;
      for (int p = next; p <= limit[next]; p++) {
        best = Math.min(best, keyLength[p] + this.values[p].minBytes() + tail[p + 1]);
      }
      afterComma[next] = best;
    }
    minBytes = 1 + fromOpen();
  }

  /** After '{': close at once when nothing is required, else write a property first. */
  private int fromOpen() {
    return closable[0] ? 1 : afterComma[0];
  }

  /** The properties' value syntaxes, in declaration order. */
  List<Node> values() {
    return List.of(values);
  }

  @Override
  public int minBytes() {
    return minBytes;
  }

  /** Inside a key at a trie node: finish some viable key, its value, then the tail. */
  private int fromKey(int trieNode, int next) {
    int best = Integer.MAX_VALUE;
    for (int p : subtree[trieNode]) {
      if (p >= next && p <= limit[next]) {
        best = Math.min(best, keyLength[p] - depth[trieNode] + values[p].minBytes() + tail[p + 1]);
      }
    }
    return best;
  }

  @Override
  public Frame start() {
    return new ObjectFrame(this, START, 0, 0);
  }

  @Override
  public boolean canStartWith(int b) {
    return b == '{';
  }

  /** Whether a key trie node leads to a property that may come next. */
  private boolean viable(int trieNode, int next) {
    for (int p : subtree[trieNode]) {
      if (p >= next) {
        return p <= limit[next];
      }
    }
    return false;
  }

  /**
   * @param phase where in the object
   * @param next the first property index still allowed
   * @param trie the key trie node while in a key
   */
  record ObjectFrame(ObjectNode node, int phase, int next, int trie) implements Frame {
    @Override
    public ParseState feed(StepContext ctx, ParseState below, int b) {
      ObjectNode o = node;
      switch (phase) {
        case START -> {
          return b == '{' ? below.push(new ObjectFrame(o, OPEN, 0, 0)) : null;
        }
        case AFTER_VALUE -> {
          if (b == '}') {
            return o.closable[next] ? below : null;
          }
          if (b == ',' && next < o.values.length) {
            return below.push(new ObjectFrame(o, AFTER_COMMA, next, 0));
          }
          return null;
        }
        default -> {
          if (phase == OPEN && b == '}') {
            return o.closable[0] ? below : null;
          }
          int t = o.keys.next(trie, b);
          if (t < 0 || !o.viable(t, next)) {
            return null;
          }
          int p = o.keys.value(t);
          if (p < 0) {
            return below.push(new ObjectFrame(o, KEY, next, t));
          }
          // "key": complete: the object waits after this value, the value starts on top.
          return below.push(new ObjectFrame(o, AFTER_VALUE, p + 1, 0)).push(o.values[p].start());
        }
      }
    }

    @Override
    public boolean canEnd() {
      return false;
    }

    @Override
    public int minBytesToFinish() {
      ObjectNode o = node;
      return switch (phase) {
        case START -> o.minBytes;
        case OPEN -> o.fromOpen();
        case AFTER_VALUE -> o.tail[next];
        case AFTER_COMMA -> o.afterComma[next];
        default -> o.fromKey(trie, next);
      };
    }

    @Override
    public Frame canonical(int k) {
      return this;
    }
  }
}
