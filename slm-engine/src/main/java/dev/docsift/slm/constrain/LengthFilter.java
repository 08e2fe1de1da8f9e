package dev.docsift.slm.constrain;

import java.util.Arrays;

/**
 * Entries of {@link StringNode#lengthOnly} strings filtered out of their roomy twin's ({@link
 * StringNode#roomy}) by the room left under maxLength, instead of walked: near maxLength every
 * count is a frame of its own, whose walk would cover the whole trie each time.
 */
final class LengthFilter {
  private LengthFilter() {}

  /**
   * What the tokens of a {@link StringNode#roomy} twin's entry need, so that the entries of the
   * same string at any count from minLength on are filtered out of it instead of walked.
   *
   * @param need per inside token, the characters it writes or begins (unsigned)
   * @param distance per inside token, the distance to finish it leaves above the stack below
   * @param exitNeed per exit after, the characters written before the closing quote
   */
  record Lengths(byte[] need, byte[] distance, int[] exitNeed) {}

  /**
   * The entry of a string frame from its twin's.
   *
   * @param base the twin's entry, with its {@link Lengths}
   * @param s the frame, past minLength
   * @param size the vocabulary size
   */
  static TopFrameMasks.Entry filter(TopFrameMasks.Entry base, StringNode.StringFrame s, int size) {
    StringNode n = s.node();
    int room = n.maxLength() - s.charsUsed();
    long[] bits = new long[(size + 63) >>> 6];
    long[] from = base.inside().allowed();
    byte[] need = base.lengths().need();
    int farthest = -1;
    int nearest = Integer.MAX_VALUE;
    for (int w = 0; w < from.length; w++) {
      for (long word = from[w]; word != 0; word &= word - 1) {
        int id = (w << 6) + Long.numberOfTrailingZeros(word);
        if ((need[id] & 0xFF) <= room) {
          bits[w] |= 1L << id;
          int d = base.lengths().distance()[id] & 0xFF;
          farthest = Math.max(farthest, d);
          nearest = Math.min(nearest, d);
        }
      }
    }
    int[] exits = new int[base.exitAfter().length];
    int count = 0;
    for (int i = 0; i < exits.length; i++) {
      if (base.lengths().exitNeed()[i] <= room) {
        exits[count++] = base.exitAfter()[i];
      }
    }
    return new TopFrameMasks.Entry(
        TokenMask.of(bits, size, 0),
        farthest,
        nearest,
        Arrays.copyOf(exits, count),
        base.exitBefore(),
        s.readsGrounding(),
        null);
  }
}
