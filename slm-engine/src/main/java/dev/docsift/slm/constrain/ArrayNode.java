package dev.docsift.slm.constrain;

/** An array of items of one syntax, with between min and max items. */
final class ArrayNode implements Node {
  private static final int START = 0;
  private static final int OPEN = 1;
  private static final int AFTER_ITEM = 2;
  private static final int AFTER_COMMA = 3;

  private final Node item;
  private final int min;
  private final int max;

  ArrayNode(Node item, int min, int max) {
    this.item = item;
    this.min = min;
    this.max = max;
  }

  /** The items' syntax. */
  Node item() {
    return item;
  }

  @Override
  public int minBytes() {
    return 1 + fromOpen();
  }

  /** After '[': min items separated by commas, then ']'. */
  private int fromOpen() {
    return min == 0 ? 1 : min * item.minBytes() + (min - 1) + 1;
  }

  @Override
  public Frame start() {
    return new ArrayFrame(this, START, 0);
  }

  @Override
  public boolean canStartWith(int b) {
    return b == '[';
  }

  /**
   * @param phase where in the array
   * @param count the items begun so far
   */
  record ArrayFrame(ArrayNode node, int phase, int count) implements Frame {
    @Override
    public ParseState feed(StepContext ctx, ParseState below, int b) {
      ArrayNode a = node;
      switch (phase) {
        case START -> {
          return b == '[' ? below.push(new ArrayFrame(a, OPEN, 0)) : null;
        }
        case AFTER_ITEM -> {
          if (b == ']') {
            return count >= a.min ? below : null;
          }
          return b == ',' && count < a.max
              ? below.push(new ArrayFrame(a, AFTER_COMMA, count))
              : null;
        }
        default -> {
          if (phase == OPEN && b == ']') {
            return a.min == 0 ? below : null;
          }
          if (count >= a.max || !a.item.canStartWith(b)) {
            return null;
          }
          ParseState waiting = below.push(new ArrayFrame(a, AFTER_ITEM, count + 1));
          return a.item.start().feed(ctx, waiting, b);
        }
      }
    }

    @Override
    public boolean canEnd() {
      return false;
    }

    @Override
    public int minBytesToFinish() {
      ArrayNode a = node;
      return switch (phase) {
        case START -> a.minBytes();
        case OPEN -> a.fromOpen();
        case AFTER_ITEM -> count >= a.min ? 1 : (a.min - count) * (1 + a.item.minBytes()) + 1;
        default -> {
          // After a comma an item must follow, even once min is reached.
          int k = Math.max(1, a.min - count);
          yield k * a.item.minBytes() + (k - 1) + 1;
        }
      };
    }

    @Override
    public Frame canonical(int k) {
      // A token adds at most k items, so away from both bounds the count does not matter.
      if (count >= node.min && count + k < node.max) {
        return new ArrayFrame(node, phase, -1);
      }
      return this;
    }
  }
}
