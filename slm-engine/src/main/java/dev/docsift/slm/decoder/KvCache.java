package dev.docsift.slm.decoder;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * The keys and values of every layer for the tokens decoded so far: what the decoder graph returned
 * as {@code present.*} at the last step, fed back as {@code past_key_values.*} at the next. Holds
 * native memory: close it. Used by one generation at a time: not thread-safe.
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
    COPY_TO_HEAP
  }

  private final DecoderSpec spec;
  private final Strategy strategy;
  private final OnnxJavaType elementType;
  private final OnnxTensor[] keys; // per layer: (1, kv_heads, past, head_size)
  private final OnnxTensor[] values; // per layer: (1, kv_heads, past, head_size)
  private int length;
  private boolean closed;

  KvCache(DecoderSpec spec, Strategy strategy, OnnxJavaType elementType) throws OrtException {
    this.spec = spec;
    this.strategy = strategy;
    this.elementType = elementType;
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

  /**
   * Takes the present tensors of a step's result as the new past, and closes the old past. The
   * caller must have read every other output it needs: this closes the rest of the result.
   *
   * @param result the step's outputs; this method closes what it does not keep
   * @param seq tokens the step added
   */
  void advance(OrtSession.Result result, int seq) throws OrtException {
    checkOpen();
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

  /** Frees the cache's native memory. Closing twice is harmless. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      closeTensors();
    }
  }
}
