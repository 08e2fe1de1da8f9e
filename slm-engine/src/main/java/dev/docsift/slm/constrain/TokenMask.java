package dev.docsift.slm.constrain;

import java.util.Arrays;

/**
 * The tokens allowed in one (canonical) parser state, ready to apply to logits.
 *
 * @param allowed one bit per token id
 * @param allowedIds the allowed ids when they are few (fill-and-restore is then cheapest), else
 *     null (clear the disallowed bits one by one)
 * @param size the vocabulary size
 * @param maxGrowth the most that one allowed (non-eos) token raised {@link
 *     ParseState#minBytesToFinish} from the state the mask was computed for; tells the budget check
 *     whether the plain mask is safe
 */
record TokenMask(long[] allowed, int[] allowedIds, int size, int maxGrowth) {

  static TokenMask of(long[] allowed, int size) {
    return of(allowed, size, 0);
  }

  static TokenMask of(long[] allowed, int size, int maxGrowth) {
    int count = 0;
    for (long w : allowed) {
      count += Long.bitCount(w);
    }
    int[] ids = null;
    if (count <= size / 4) {
      ids = new int[count];
      int k = 0;
      for (int w = 0; w < allowed.length; w++) {
        for (long bits = allowed[w]; bits != 0; bits &= bits - 1) {
          ids[k++] = (w << 6) + Long.numberOfTrailingZeros(bits);
        }
      }
    }
    return new TokenMask(allowed, ids, size, maxGrowth);
  }

  /** Whether no token at all is allowed. */
  boolean isEmpty() {
    for (long w : allowed) {
      if (w != 0) {
        return false;
      }
    }
    return true;
  }

  boolean allows(int id) {
    return (allowed[id >>> 6] & (1L << id)) != 0;
  }

  void apply(float[] logits) {
    if (allowedIds != null) {
      // Few survivors: save them, blank everything with a vectorisable fill, put them back.
      float[] saved = new float[allowedIds.length];
      for (int i = 0; i < allowedIds.length; i++) {
        saved[i] = logits[allowedIds[i]];
      }
      Arrays.fill(logits, 0, size, Float.NEGATIVE_INFINITY);
      for (int i = 0; i < allowedIds.length; i++) {
        logits[allowedIds[i]] = saved[i];
      }
      return;
    }
    for (int w = 0; w < allowed.length; w++) {
      long off = ~allowed[w];
      if (w == allowed.length - 1 && (size & 63) != 0) {
        off &= (1L << (size & 63)) - 1;
      }
      for (; off != 0; off &= off - 1) {
        logits[(w << 6) + Long.numberOfTrailingZeros(off)] = Float.NEGATIVE_INFINITY;
      }
    }
  }
}
