package dev.docsift.slm.decoder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The spare shared-cache buffers of one decoder session: a closed cache hands its buffers back, and
 * the next generation takes them instead of allocating its own. Thread-safe.
 *
 * <p>Why: the buffers are direct memory, which Java frees only when the collector finds them
 * unreachable, and a decoding loop allocates too little heap for that to happen soon. Page after
 * page, each generation's cache (272 MB at a page-sized context for Mississippi's shapes) stayed
 * resident beside the next one's. Reused, one set serves every generation, and its pages are
 * already touched.
 *
 * <p>A reused buffer holds the last generation's keys and values beyond what the new cache has
 * written: the graph reads a cache only up to {@code total_sequence_length}, which every run sets.
 */
final class KvBufferPool {
  private ByteBuffer[] idle; // one buffer per layer and kind, each idleBytes long; null when none
  private long idleBytes;
  private boolean closed; // the session is closed: nothing is kept

  /**
   * Buffers of at least {@code bytes} each: the idle set when it is large enough, else new ones (an
   * idle set too small is dropped).
   *
   * @param bytes the bytes each buffer must hold
   * @param count how many buffers (two per layer)
   * @return buffers in native byte order, each at least {@code bytes} long
   */
  ByteBuffer[] take(int bytes, int count) {
    synchronized (this) {
      ByteBuffer[] set = idle;
      idle = null;
      if (set != null && idleBytes >= bytes && set.length == count) {
        return set;
      }
    }
    ByteBuffer[] set = new ByteBuffer[count];
    for (int i = 0; i < count; i++) {
      set[i] = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }
    return set;
  }

  /**
   * Takes a set back for the next generation; keeps the larger when it already holds one.
   *
   * @param set buffers from {@link #take}, no longer used by any tensor
   */
  void give(ByteBuffer[] set) {
    long bytes = set[0].capacity();
    synchronized (this) {
      if (!closed && (idle == null || bytes > idleBytes)) {
        idle = set;
        idleBytes = bytes;
      }
    }
  }

  /** Drops the idle set, for the collector to free, and keeps none given later. */
  synchronized void close() {
    closed = true;
    idle = null;
  }
}
