package dev.docsift.slm.constrain;

/**
 * A JSON number, {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?} (no exponent), or an integer without the
 * fraction; at most {@value #MAX_LENGTH} characters so that generation always ends.
 */
final class NumberNode implements Node {
  /** The longest number written. */
  static final int MAX_LENGTH = 24;

  private static final int START = 0;
  private static final int SIGN = 1;
  private static final int ZERO = 2;
  private static final int INT = 3;
  private static final int DOT = 4;
  private static final int FRACTION = 5;

  private final boolean integer;
  private final NumberFrame start = new NumberFrame(this, START, 0);

  NumberNode(boolean integer) {
    this.integer = integer;
  }

  @Override
  public Frame start() {
    return start;
  }

  @Override
  public boolean canStartWith(int b) {
    return b == '-' || (b >= '0' && b <= '9');
  }

  @Override
  public int minBytes() {
    return 1;
  }

  /**
   * @param phase the grammar position
   * @param length the characters written
   */
  record NumberFrame(NumberNode node, int phase, int length) implements Frame {
    @Override
    public ParseState feed(StepContext ctx, ParseState below, int b) {
      boolean digit = b >= '0' && b <= '9';
      int next =
          switch (phase) {
            case START -> b == '-' ? SIGN : b == '0' ? ZERO : digit ? INT : -1;
            case SIGN -> b == '0' ? ZERO : digit ? INT : -1;
            case ZERO -> b == '.' && !node.integer ? DOT : -1;
            case INT -> digit ? INT : b == '.' && !node.integer ? DOT : -1;
            case DOT, FRACTION -> digit ? FRACTION : -1;
            default -> -1;
          };
      // SIGN and DOT need one more digit: keep room for it.
      int needed = next == SIGN || next == DOT ? 1 : 0;
      if (next < 0 || length + 1 + needed > MAX_LENGTH) {
        return null;
      }
      return below.push(new NumberFrame(node, next, length + 1));
    }

    @Override
    public boolean canEnd() {
      return phase == ZERO || phase == INT || phase == FRACTION;
    }

    @Override
    public int minBytesToFinish() {
      // START, SIGN and DOT need one digit; the others may end.
      return canEnd() ? 0 : 1;
    }

    @Override
    public Frame canonical(int k) {
      return length + k + 1 < MAX_LENGTH ? new NumberFrame(node, phase, -1) : this;
    }
  }
}
