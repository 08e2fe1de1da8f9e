package dev.docsift.slm.decoder;

import java.util.Arrays;
import java.util.Random;

/**
 * Temperature, top-k and top-p sampling with a seeded generator. Keeps the generator's state: one
 * per generation, not thread-safe.
 */
final class TopKTopPSampler implements Sampler {
  private final float temperature;
  private final int topK;
  private final float topP;
  // java.util.Random's algorithm is fixed by its specification, so a seed gives the same draws on
  // every JDK and platform.
  private final Random random;

  TopKTopPSampler(float temperature, int topK, float topP, long seed) {
    if (!(temperature > 0f) || Float.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be above 0, got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("top-k must be 0 (off) or more, got " + topK);
    }
    if (!(topP > 0f && topP <= 1f)) {
      throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
    }
    this.temperature = temperature;
    this.topK = topK;
    this.topP = topP;
    this.random = new Random(seed);
  }

  @Override
  public int sample(float[] logits) {
    float max = Float.NEGATIVE_INFINITY;
    int finite = 0;
    for (float l : logits) {
      if (l > Float.NEGATIVE_INFINITY) {
        finite++;
        if (l > max) {
          max = l;
        }
      }
    }
    if (finite == 0) {
      throw new IllegalArgumentException("every token is masked");
    }
    boolean truncateK = topK > 0 && topK < finite;
    if (!truncateK && topP >= 1f) {
      return drawFromAll(logits, max);
    }
    long[] candidates;
    if (truncateK) {
      candidates = topKeys(logits, topK);
    } else {
      // Without top-k, sorting the whole vocabulary each token is slow. A token whose probability
      // is below (1 - p) / (n - 1) is never needed: all such tokens together hold less than 1 - p,
      // so the kept set reaches p before any of them (the cut llama2.c uses).
      double sum = 0;
      for (float l : logits) {
        sum += Math.exp((l - max) / temperature);
      }
      double cutoff = finite > 1 ? (1.0 - topP) / (finite - 1) : 0;
      int n = 0;
      long[] keys = new long[finite];
      for (int i = 0; i < logits.length; i++) {
        if (logits[i] > Float.NEGATIVE_INFINITY
            && Math.exp((logits[i] - max) / temperature) / sum >= cutoff) {
          keys[n++] = key(logits[i], i);
        }
      }
      candidates = Arrays.copyOf(keys, n);
    }
    Arrays.sort(candidates); // ascending: best last
    int n = candidates.length;
    double[] probs = new double[n];
    double total = 0;
    float best = logits[index(candidates[n - 1])];
    for (int j = 0; j < n; j++) {
      int id = index(candidates[n - 1 - j]); // j = 0 is the best token
      probs[j] = Math.exp((logits[id] - best) / temperature);
      total += probs[j];
    }
    int kept = n;
    if (topP < 1f) {
      double cumulative = 0;
      for (int j = 0; j < n; j++) {
        cumulative += probs[j] / total;
        if (cumulative >= topP) {
          kept = j + 1;
          break;
        }
      }
    }
    double mass = 0;
    for (int j = 0; j < kept; j++) {
      mass += probs[j];
    }
    double u = random.nextDouble() * mass;
    double acc = 0;
    for (int j = 0; j < kept; j++) {
      acc += probs[j];
      if (u < acc) {
        return index(candidates[n - 1 - j]);
      }
    }
    return index(candidates[n - kept]); // rounding: the last kept token
  }

  private int drawFromAll(float[] logits, float max) {
    double total = 0;
    for (float l : logits) {
      total += Math.exp((l - max) / temperature);
    }
    double u = random.nextDouble() * total;
    double acc = 0;
    int last = 0;
    for (int i = 0; i < logits.length; i++) {
      if (logits[i] > Float.NEGATIVE_INFINITY) {
        acc += Math.exp((logits[i] - max) / temperature);
        last = i;
        if (u < acc) {
          return i;
        }
      }
    }
    return last;
  }

  /** The keys of the k highest finite logits, unordered (a min-heap of size k). */
  private static long[] topKeys(float[] logits, int k) {
    long[] heap = new long[k];
    int size = 0;
    for (int i = 0; i < logits.length; i++) {
      if (logits[i] == Float.NEGATIVE_INFINITY) {
        continue;
      }
      long key = key(logits[i], i);
      if (size < k) {
        heap[size] = key;
        siftUp(heap, size++);
      } else if (key > heap[0]) {
        heap[0] = key;
        siftDown(heap, k);
      }
    }
    return heap;
  }

  private static void siftUp(long[] heap, int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (heap[parent] <= heap[i]) {
        return;
      }
      long t = heap[parent];
      heap[parent] = heap[i];
      heap[i] = t;
      i = parent;
    }
  }

  private static void siftDown(long[] heap, int size) {
    int i = 0;
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int smallest = left + 1 < size && heap[left + 1] < heap[left] ? left + 1 : left;
      if (heap[i] <= heap[smallest]) {
        return;
      }
      long t = heap[smallest];
      heap[smallest] = heap[i];
      heap[i] = t;
      i = smallest;
    }
  }

  /**
   * A sort key: higher logit gives a higher key; on equal logits the lower id gives the higher key,
   * so descending order is deterministic.
   */
  static long key(float logit, int id) {
    int bits = Float.floatToIntBits(logit);
    bits ^= (bits >> 31) & 0x7fffffff; // negative floats: flip so integer order is float order
    return ((long) bits << 32) | (0xffffffffL - id);
  }

  static int index(long key) {
    return (int) (0xffffffffL - (key & 0xffffffffL));
  }
}
