package dev.docsift.slm.constrain;

/**
 * The progress through one JSON value, as one entry of a {@link ParseState}'s stack. Frames are
 * immutable records, so states can be shared between the branches of a mask computation and used as
 * cache keys.
 */
interface Frame {
  /**
   * Consumes one byte.
   *
   * @param ctx the grounding, if any
   * @param below the stack under this frame
   * @param b the byte, 0 to 255
   * @return the new stack (this frame replaced, pushed on or popped), or null when this frame
   *     cannot take the byte. Every returned state can still be completed: frames check that.
   */
  ParseState feed(StepContext ctx, ParseState below, int b);

  /** Whether the value may end here without consuming another byte (numbers, some literals). */
  boolean canEnd();

  /**
   * The fewest bytes that close this value from here, its own closing bytes included but not the
   * frames below: the length of the shortest byte string this frame would take and end on. Frames
   * check feasibility as they take bytes, so that string exists and is made of bytes this frame
   * accepts one at a time. Grounding is ignored: grounded strings may need more (a lower bound).
   */
  int minBytesToFinish();

  /**
   * A key equal for all frames that accept the same byte strings of up to {@code k} bytes and end
   * in equally keyed frames, with the same {@link #minBytesToFinish} along the way: counters far
   * from their limits are folded together.
   */
  Frame canonical(int k);

  /**
   * Whether bytes fed to this frame may be judged by the grounding ({@link StepContext}): the
   * inside of a groundable string. Masks of states that never reach such a frame are the same
   * grounded or not, so they can be shared between generations.
   */
  default boolean readsGrounding() {
    return false;
  }

  /**
   * A few bytes that include every byte {@link #feed} may take, so that a trie walk can look up
   * those children instead of trying all of them; -1 when there is no such short list. Only
   * meaningful for frames that cannot end ({@link #canEnd} false), whose state takes exactly the
   * bytes this frame takes.
   *
   * @return how many candidates {@link #candidate} gives, or -1
   */
  default int candidateCount(StepContext ctx) {
    return -1;
  }

  /** The i-th candidate byte of {@link #candidateCount}, 0 to 255, or -1 to skip (no repeats). */
  default int candidate(StepContext ctx, int i) {
    throw new IndexOutOfBoundsException(i);
  }
}
