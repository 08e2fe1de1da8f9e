package dev.docsift.slm.constrain;

import java.util.List;

/**
 * Alternatives that begin with different bytes ({@code ["string", "null"]}, {@code anyOf} of a type
 * and null): the first byte picks the alternative.
 */
final class UnionNode implements Node {
  private final Node[] alternatives;
  private final UnionFrame start = new UnionFrame(this);
  private final int minBytes;

  /**
   * @param alternatives alternatives whose first bytes do not overlap
   */
  UnionNode(List<Node> alternatives) {
    this.alternatives = alternatives.toArray(new Node[0]);
    int m = Integer.MAX_VALUE;
    for (Node a : this.alternatives) {
      m = Math.min(m, a.minBytes());
    }
    this.minBytes = m;
  }

  @Override
  public int minBytes() {
    return minBytes;
  }

  List<Node> alternatives() {
    return List.of(alternatives);
  }

  @Override
  public Frame start() {
    return start;
  }

  @Override
  public boolean canStartWith(int b) {
    for (Node a : alternatives) {
      if (a.canStartWith(b)) {
        return true;
      }
    }
    return false;
  }

  /** A union value not yet begun. */
  record UnionFrame(UnionNode node) implements Frame {
    @Override
    public ParseState feed(StepContext ctx, ParseState below, int b) {
      for (Node a : node.alternatives) {
        if (a.canStartWith(b)) {
          return a.start().feed(ctx, below, b);
        }
      }
      return null;
    }

    @Override
    public boolean canEnd() {
      return false;
    }

    @Override
    public int minBytesToFinish() {
      return node.minBytes;
    }

    @Override
    public Frame canonical(int k) {
      return this;
    }
  }
}
