package dev.docsift.slm.constrain;

/**
 * The compiled syntax of one JSON value allowed by a schema. Nodes are immutable and compared by
 * identity; the per-value progress lives in {@link Frame}s.
 */
sealed interface Node
    permits ObjectNode, ArrayNode, StringNode, NumberNode, LiteralNode, UnionNode {
  /** The frame of a value not yet begun; its first {@link Frame#feed} takes the first byte. */
  Frame start();

  /** Whether a value can begin with a byte. */
  boolean canStartWith(int b);

  /**
   * The length in bytes of the shortest whole value this syntax allows (compact JSON); precomputed
   * at construction, children being built before their parents ($refs cannot loop).
   */
  int minBytes();
}
