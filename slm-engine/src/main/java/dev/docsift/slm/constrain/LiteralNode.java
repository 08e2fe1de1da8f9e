package dev.docsift.slm.constrain;

import java.util.List;

/** One of a fixed set of compact JSON texts: enum and const values, true, false, null. */
final class LiteralNode implements Node {
  private final ByteTrie trie;

  /** Per trie node, the fewest bytes to the end of a value in its subtree. */
  private final int[] toValue;

  /**
   * @param texts the compact JSON of each allowed value; at least one, none empty
   */
  LiteralNode(List<byte[]> texts) {
    this.trie = new ByteTrie(texts);
    toValue = new int[trie.size()];
    // Children are numbered after their parents: a backward sweep sees every child first.
    for (int n = trie.size() - 1; n >= 0; n--) {
      int best = trie.value(n) >= 0 ? 0 : Integer.MAX_VALUE;
      for (int b = 0; b < 256 && best > 0; b++) {
        int c = trie.next(n, b);
        if (c >= 0) {
          best = Math.min(best, 1 + toValue[c]);
        }
      }
      toValue[n] = best;
    }
  }

  @Override
  public int minBytes() {
    return toValue[0];
  }

  @Override
  public Frame start() {
    return new LiteralFrame(this, 0);
  }

  @Override
  public boolean canStartWith(int b) {
    return trie.next(0, b) >= 0;
  }

  /**
   * @param trieNode the bytes matched so far
   */
  record LiteralFrame(LiteralNode node, int trieNode) implements Frame {
    @Override
    public ParseState feed(StepContext ctx, ParseState below, int b) {
      int t = node.trie.next(trieNode, b);
      if (t < 0) {
        return null;
      }
      if (node.trie.value(t) >= 0 && !node.trie.hasChildren(t)) {
        return below;
      }
      return below.push(new LiteralFrame(node, t));
    }

    @Override
    public boolean canEnd() {
      return node.trie.value(trieNode) >= 0;
    }

    @Override
    public int minBytesToFinish() {
      return node.toValue[trieNode];
    }

    @Override
    public Frame canonical(int k) {
      return this;
    }
  }
}
