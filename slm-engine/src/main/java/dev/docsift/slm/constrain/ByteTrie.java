package dev.docsift.slm.constrain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small trie of byte strings (object keys, enum literals) with a dense 256-way table per node:
 * these tries hold a few hundred nodes at most, and the table makes a step one array read. Node 0
 * is the root. Immutable once built.
 */
final class ByteTrie {
  private final int[] next;
  private final int[] value;
  private final boolean[] hasChildren;

  /**
   * Builds the trie.
   *
   * @param strings the strings; string i ends at a node whose {@link #value} is i (the last index
   *     wins on duplicates)
   */
  ByteTrie(List<byte[]> strings) {
    List<int[]> rows = new ArrayList<>();
    List<Integer> values = new ArrayList<>();
    rows.add(newRow());
    values.add(-1);
    for (int i = 0; i < strings.size(); i++) {
      int node = 0;
      for (byte b : strings.get(i)) {
        int[] row = rows.get(node);
        if (row[b & 0xFF] < 0) {
          row[b & 0xFF] = rows.size();
          rows.add(newRow());
          values.add(-1);
        }
        node = row[b & 0xFF];
      }
      values.set(node, i);
    }
    next = new int[rows.size() * 256];
    value = new int[rows.size()];
    hasChildren = new boolean[rows.size()];
    for (int n = 0; n < rows.size(); n++) {
      System.arraycopy(rows.get(n), 0, next, n * 256, 256);
      value[n] = values.get(n);
      hasChildren[n] = Arrays.stream(rows.get(n)).anyMatch(c -> c >= 0);
    }
  }

  private static int[] newRow() {
    int[] row = new int[256];
    Arrays.fill(row, -1);
    return row;
  }

  int size() {
    return value.length;
  }

  /** The child of a node on a byte, or -1. */
  int next(int node, int b) {
    return next[node * 256 + b];
  }

  /** The index of the string ending at a node, or -1. */
  int value(int node) {
    return value[node];
  }

  boolean hasChildren(int node) {
    return hasChildren[node];
  }
}
