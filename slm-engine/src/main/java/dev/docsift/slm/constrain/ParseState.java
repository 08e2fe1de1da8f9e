package dev.docsift.slm.constrain;

/**
 * An immutable stack of frames: the parser state after some bytes of a document. {@link #DONE} is
 * the empty stack, reached once the root value is closed.
 *
 * @param top the innermost frame
 * @param below the rest of the stack
 */
record ParseState(Frame top, ParseState below) {
  /** The state after a complete document: no byte is accepted any more. */
  static final ParseState DONE = new ParseState(null, null);

  /** The state before the first byte of a value of the given syntax. */
  static ParseState initial(Node root) {
    return new ParseState(root.start(), DONE);
  }

  ParseState push(Frame frame) {
    return new ParseState(frame, this);
  }

  /**
   * Consumes one byte.
   *
   * @return the next state, or null when the byte cannot extend the document
   */
  static ParseState step(StepContext ctx, ParseState state, int b) {
    ParseState s = state;
    while (s.top != null) {
      ParseState next = s.top.feed(ctx, s.below, b);
      if (next != null) {
        return next;
      }
      // A value with no closing byte (a number) ends where its parent's syntax resumes; the
      // bytes that continue such a value never also continue its parent, so this is not a guess.
      if (!s.top.canEnd()) {
        return null;
      }
      s = s.below;
    }
    return null;
  }

  /** Whether the bytes so far form a complete document. */
  boolean complete() {
    ParseState s = this;
    while (s.top != null) {
      if (!s.top.canEnd()) {
        return false;
      }
      s = s.below;
    }
    return true;
  }

  /**
   * The fewest bytes that complete the document from this state: the sum over the stack, since each
   * frame resumes where the one above it ends. 0 once complete. Exact when ungrounded: a shortest
   * completion exists, byte by byte, among the bytes {@link #step} accepts.
   */
  int minBytesToFinish() {
    int sum = 0;
    for (ParseState s = this; s.top != null; s = s.below) {
      sum += s.top.minBytesToFinish();
    }
    return sum;
  }

  /** The cache key of this state for tokens of up to {@code k} bytes. */
  ParseState canonical(int k) {
    return top == null ? DONE : new ParseState(top.canonical(k), below.canonical(k));
  }
}
