package dev.docsift.slm.decoder;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.docsift.errors.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * The keys and values of every layer for the tokens decoded so far. For most decoders, what the
 * graph returned as {@code present.*} at the last step, fed back as {@code past_key_values.*} at
 * the next. For a shared-cache decoder ({@link DecoderSpec#sharesKv}), one preallocated buffer per
 * layer and kind, bound as both the past input and the present output, which the graph writes in
 * place. Holds native memory: close it. Used by one generation at a time: not thread-safe.
 */
public final class KvCache implements AutoCloseable {

  /** How the present tensors of one step become the past tensors of the next. */
  public enum Strategy {
    /**
     * The present tensors ONNX Runtime returned are fed back as they are: no copy leaves native
     * memory. The default.
     */
    FEED_OUTPUTS,
    /**
     * The present tensors are copied into Java arrays and new input tensors are made from them at
     * the next step: two copies of the whole cache per token. Kept to measure what feeding saves.
     */
    COPY_TO_HEAP,
    /**
     * One buffer per layer and kind, {@code [1, kv_heads, capacity, head_size]}, is both the past
     * input and the (pinned) present output: the graph writes each run's keys and values at {@code
     * past .. past + seq} in place, so no step copies or concatenates the cache. The only strategy
     * of a shared-cache decoder, and only for one. The capacity grows by doubling (one copy of the
     * cache each time), up to the context.
     */
    SHARED_BUFFER;

    /** Whether a decoder of this spec can hand its cache on this way. */
    public boolean fits(DecoderSpec spec) {
      return spec.sharesKv() == (this == SHARED_BUFFER);
    }
  }

  /** The capacity a shared cache starts with, in tokens, when the first run needs less. */
  static final int MIN_SHARED_CAPACITY = 256;

  private final DecoderSpec spec;
  private final Strategy strategy;
  private final OnnxJavaType elementType;
  private final OnnxTensor[] keys; // per layer: (1, kv_heads, past, head_size)
  private final OnnxTensor[] values; // per layer: (1, kv_heads, past, head_size)
  private final KvBufferPool pool; // SHARED_BUFFER: where buffers come from and go back to
  private ByteBuffer[] buffers; // SHARED_BUFFER: per layer key then value; the tensors wrap them
  private int capacity; // SHARED_BUFFER: tokens the buffers hold
  private OnnxTensor logits; // (1, 1, vocab), made at the first step that binds it
  private FloatBuffer logitsView;
  private int length;
  private boolean closed;

  KvCache(DecoderSpec spec, Strategy strategy, OnnxJavaType elementType, KvBufferPool pool)
      throws OrtException {
    if (!strategy.fits(spec)) {
      throw new IllegalArgumentException(
          strategy
              + " does not fit a decoder "
              + (spec.sharesKv() ? "with" : "without")
              + " a shared cache");
    }
    this.spec = spec;
    this.strategy = strategy;
    this.elementType = elementType;
    this.pool = pool;
    this.keys = new OnnxTensor[spec.layers()];
    this.values = new OnnxTensor[spec.layers()];
    // The first step passes past tensors with past = 0 (PACK_FORMAT.md): zero elements.
    long[] empty = {1, spec.kvHeads(), 0, spec.headSize()};
    try {
      for (int layer = 0; layer < spec.layers(); layer++) {
        keys[layer] = emptyTensor(empty);
        values[layer] = emptyTensor(empty);
      }
    } catch (OrtException | RuntimeException e) {
      closeTensors();
      throw e;
    }
  }

  private OnnxTensor emptyTensor(long[] shape) throws OrtException {
    if (elementType == OnnxJavaType.FLOAT16) {
      return OnnxTensor.createTensor(
          OrtRuntime.environment(), ShortBuffer.allocate(0), shape, OnnxJavaType.FLOAT16);
    }
    return OnnxTensor.createTensor(OrtRuntime.environment(), FloatBuffer.allocate(0), shape);
  }

  /**
   * Makes room for {@code total} tokens in a shared cache: buffers of the larger capacity (from the
   * session's {@link KvBufferPool}), the tokens held copied over. The buffers are direct memory
   * that ONNX Runtime reads and writes in place; {@link #close()} hands them back to the pool.
   */
  void reserve(int total) throws DecoderException {
    try {
      ensureCapacity(total);
    } catch (OrtException e) {
      throw new DecoderException(
          ErrorCode.DECODER_FAILED, "Cannot make the KV cache: " + e.getMessage(), e);
    }
  }

  private void ensureCapacity(int total) throws OrtException {
    checkOpen();
    if (strategy != Strategy.SHARED_BUFFER || total <= capacity) {
      return;
    }
    int grown =
        Math.max(total, Math.min(spec.maxContext(), Math.max(2 * capacity, MIN_SHARED_CAPACITY)));
    long[] shape = {1, spec.kvHeads(), grown, spec.headSize()};
    int element = elementType == OnnxJavaType.FLOAT16 ? Short.BYTES : Float.BYTES;
    long bytes = (long) spec.kvHeads() * grown * spec.headSize() * element;
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalStateException("a layer's cache of " + grown + " tokens exceeds 2 GB");
    }
    OnnxTensor[] newKeys = new OnnxTensor[spec.layers()];
    OnnxTensor[] newValues = new OnnxTensor[spec.layers()];
    ByteBuffer[] larger = pool.take((int) bytes, 2 * spec.layers());
    try {
      for (int layer = 0; layer < spec.layers(); layer++) {
        newKeys[layer] = wrap(larger[2 * layer], (int) bytes, shape);
        newValues[layer] = wrap(larger[2 * layer + 1], (int) bytes, shape);
      }
    } catch (OrtException | RuntimeException e) {
      closeAll(newKeys);
      closeAll(newValues);
      pool.give(larger);
      throw e;
    }
    if (buffers != null && length > 0) {
      int row = spec.headSize() * element; // one token of one head
      for (int i = 0; i < larger.length; i++) {
        for (int head = 0; head < spec.kvHeads(); head++) {
          larger[i].put(head * grown * row, buffers[i], head * capacity * row, length * row);
        }
      }
    }
    closeTensors();
    if (buffers != null) {
      pool.give(buffers);
    }
    System.arraycopy(newKeys, 0, keys, 0, keys.length);
    System.arraycopy(newValues, 0, values, 0, values.length);
    buffers = larger;
    capacity = grown;
  }

  /** A tensor over the first {@code bytes} of a pooled buffer, which may be longer. */
  private OnnxTensor wrap(ByteBuffer buffer, int bytes, long[] shape) throws OrtException {
    ByteBuffer view = buffer.slice(0, bytes).order(ByteOrder.nativeOrder());
    return OnnxTensor.createTensor(OrtRuntime.environment(), view, shape, elementType);
  }

  /** Tokens a shared cache can hold before it grows; 0 for the other strategies. */
  int capacity() {
    return capacity;
  }

  /** Tokens held: the {@code past} length the next step passes. */
  public int length() {
    checkOpen();
    return length;
  }

  /** How steps hand the cache on. */
  public Strategy strategy() {
    return strategy;
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** Adds the past key and value inputs of every layer. */
  void addInputs(Map<String, OnnxTensorLike> inputs) {
    checkOpen();
    for (int layer = 0; layer < spec.layers(); layer++) {
      inputs.put(spec.pastKey(layer), keys[layer]);
      inputs.put(spec.pastValue(layer), values[layer]);
    }
  }

  /** Binds a shared cache's buffers as the present outputs, so the graph writes them in place. */
  void addOutputs(Map<String, OnnxValue> outputs) {
    checkOpen();
    for (int layer = 0; layer < spec.layers(); layer++) {
      outputs.put(spec.presentKey(layer), keys[layer]);
      outputs.put(spec.presentValue(layer), values[layer]);
    }
  }

  /**
   * Binds the cache's logits buffer, {@code (1, 1, vocab)} floats, as the logits output of a run
   * that returns one position's logits: the graph writes it in place.
   */
  void addLogitsOutput(Map<String, OnnxValue> outputs) throws OrtException {
    checkOpen();
    if (logits == null) {
      ByteBuffer b =
          ByteBuffer.allocateDirect(spec.vocabSize() * Float.BYTES).order(ByteOrder.nativeOrder());
      logits =
          OnnxTensor.createTensor(
              OrtRuntime.environment(), b, new long[] {1, 1, spec.vocabSize()}, OnnxJavaType.FLOAT);
      logitsView = b.asFloatBuffer();
    }
    outputs.put(spec.logits(), logits);
  }

  /** A copy of what the last run wrote into the buffer {@link #addLogitsOutput} bound. */
  float[] readLogits() {
    float[] copy = new float[spec.vocabSize()];
    logitsView.get(0, copy);
    return copy;
  }

  /**
   * Takes the present tensors of a step's result as the new past, and closes the old past. The
   * caller must have read every other output it needs: this closes the rest of the result.
   *
   * @param result the step's outputs; this method closes what it does not keep
   * @param seq tokens the step added
   */
  void advance(OrtSession.Result result, int seq) throws OrtException {
    checkOpen();
    if (strategy == Strategy.SHARED_BUFFER) {
      // The presents were the cache's own buffers, written in place; the result owns the rest.
      result.close();
      length += seq;
      return;
    }
    OnnxTensor[] newKeys = new OnnxTensor[spec.layers()];
    OnnxTensor[] newValues = new OnnxTensor[spec.layers()];
    try {
      for (int layer = 0; layer < spec.layers(); layer++) {
        newKeys[layer] = take(result, spec.presentKey(layer));
        newValues[layer] = take(result, spec.presentValue(layer));
      }
    } catch (OrtException | RuntimeException e) {
      if (strategy == Strategy.COPY_TO_HEAP) {
        closeAll(newKeys);
        closeAll(newValues);
      } else {
        // Fed outputs still belong to the result: forget them so the loop below closes them.
        Arrays.fill(newKeys, null);
        Arrays.fill(newValues, null);
      }
      throw e;
    } finally {
      // Close every output not taken (logits, extras). Result.close() would close the taken ones
      // too, and closing a tensor twice logs a warning, so the result is closed value by value
      // and then simply dropped: a Result holds no native memory of its own.
      for (int i = 0; i < result.size(); i++) {
        OnnxValue v = result.get(i);
        if (result.isResultOwner(i) && !isTaken(v, newKeys, newValues)) {
          v.close();
        }
      }
    }
    closeTensors();
    System.arraycopy(newKeys, 0, keys, 0, keys.length);
    System.arraycopy(newValues, 0, values, 0, values.length);
    length += seq;
  }

  private static boolean isTaken(OnnxValue v, OnnxTensor[] a, OnnxTensor[] b) {
    for (OnnxTensor t : a) {
      if (t == v) {
        return true;
      }
    }
    for (OnnxTensor t : b) {
      if (t == v) {
        return true;
      }
    }
    return false;
  }

  private OnnxTensor take(OrtSession.Result result, String name) throws OrtException {
    OnnxTensor present =
        (OnnxTensor)
            result
                .get(name)
                .orElseThrow(() -> new IllegalStateException("no output " + name + " in result"));
    if (strategy == Strategy.FEED_OUTPUTS) {
      return present;
    }
    long[] shape = present.getInfo().getShape(); // (1, kv_heads, past + seq, head_size)
    if (elementType == OnnxJavaType.FLOAT16) {
      ShortBuffer src = present.getShortBuffer();
      short[] copy = new short[src.remaining()];
      src.get(copy);
      return OnnxTensor.createTensor(
          OrtRuntime.environment(), ShortBuffer.wrap(copy), shape, OnnxJavaType.FLOAT16);
    }
    FloatBuffer src = present.getFloatBuffer();
    float[] copy = new float[src.remaining()];
    src.get(copy);
    return OnnxTensor.createTensor(OrtRuntime.environment(), FloatBuffer.wrap(copy), shape);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("KV cache is closed");
    }
  }

  private void closeTensors() {
    closeAll(keys);
    closeAll(values);
  }

  private static void closeAll(OnnxTensor[] tensors) {
    for (int i = 0; i < tensors.length; i++) {
      if (tensors[i] != null) {
        tensors[i].close();
        tensors[i] = null;
      }
    }
  }

  /**
   * Frees the cache's native memory; a shared cache's buffers go back to the session for the next
   * generation. Closing twice is harmless.
   */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      closeTensors();
      if (logits != null) {
        logits.close();
        logits = null;
      }
      if (buffers != null) {
        pool.give(buffers);
        buffers = null;
      }
    }
  }
}
