package dev.docsift.slm.constrain;

import java.util.List;

/** One of a fixed set of compact JSON texts: enum and const values, true, false, null. */
final class LiteralNode implements Node {
  private final ByteTrie trie;

  /**
   * @param texts the compact JSON of each allowed value; at least one, none empty
   */
  LiteralNode(List<byte[]> texts) {
    this.trie = new ByteTrie(texts);
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
    public Frame canonical(int k) {
      return this;
    }
  }
}
