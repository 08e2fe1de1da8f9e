package dev.docsift.slm.decoder;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.docsift.errors.ErrorCode;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One run of the decoder graph: the step's input tensors (tokens or embeddings, attention mask,
 * positions, the cache's past), the run, the logits read back, and the presents handed to the
 * cache. Every tensor it makes is closed within the call, so one instance serves all threads.
 */
final class DecoderStep {
  private final DecoderSpec spec;
  private final OrtSession session;
  private final OnnxJavaType embedsType; // FLOAT or FLOAT16, what the decoder takes; null for ids
  private final boolean lastPositionOnly; // logits [batch, 1, vocab]
  private final boolean floatLogits; // logits FLOAT, not FLOAT16: a cache's buffer can take them
  private final Set<String> outputs; // every output of the graph

  DecoderStep(
      DecoderSpec spec,
      OrtSession session,
      OnnxJavaType embedsType,
      boolean lastPositionOnly,
      boolean floatLogits) {
    this.spec = spec;
    this.session = session;
    this.embedsType = embedsType;
    this.lastPositionOnly = lastPositionOnly;
    this.floatLogits = floatLogits;
    this.outputs = Set.copyOf(session.getOutputNames());
  }

  /** Whether the graph returns the logits of a run's last position only. */
  boolean lastPositionOnly() {
    return lastPositionOnly;
  }

  /** The decoder graph's session, for its owner to close. */
  OrtSession session() {
    return session;
  }

  /**
   * Runs the decoder once on token ids (when {@code ids} is given) or on embeddings, extending the
   * cache.
   *
   * @param ids the tokens, or null
   * @param embeds (seq * hidden) row by row when {@code ids} is null
   * @param seq positions in this run
   * @param cache the generation's cache; grows by {@code seq}
   * @param allLogits whether to return every position's logits too
   * @return the logits and the run's time
   * @throws DecoderException when ONNX Runtime fails or the logits disagree with the spec
   */
  StepResult run(long[] ids, float[] embeds, int seq, KvCache cache, boolean allLogits)
      throws DecoderException {
    Objects.requireNonNull(cache, "cache");
    if (allLogits && lastPositionOnly && seq > 1) {
      throw new IllegalStateException("this decoder returns the last position's logits only");
    }
    int past = cache.length();
    int total = past + seq;
    long[] positions = new long[seq];
    for (int i = 0; i < seq; i++) {
      positions[i] = past + i;
    }
    Map<String, OnnxTensorLike> inputs = new HashMap<>();
    Map<String, OnnxValue> pinned = new HashMap<>();
    List<OnnxTensor> made = new ArrayList<>(4);
    try {
      if (ids != null) {
        made.add( // (1, seq)
            OnnxTensor.createTensor(
                OrtRuntime.environment(), LongBuffer.wrap(ids), new long[] {1, seq}));
        inputs.put(spec.inputIds(), made.getLast());
      } else {
        made.add(embedsTensor(embeds, seq)); // (1, seq, hidden)
        inputs.put(spec.inputsEmbeds(), made.getLast());
      }
      made.add( // (1, seq)
          OnnxTensor.createTensor(
              OrtRuntime.environment(), LongBuffer.wrap(positions), new long[] {1, seq}));
      inputs.put(spec.positionIds(), made.getLast());
      if (spec.sharesKv()) {
        cache.reserve(total);
        made.add( // (1): the last slot this run writes
            OnnxTensor.createTensor(
                OrtRuntime.environment(), IntBuffer.wrap(new int[] {total - 1}), new long[] {1}));
        inputs.put(spec.sharedKv().seqlensK(), made.getLast());
        made.add( // scalar
            OnnxTensor.createTensor(
                OrtRuntime.environment(), IntBuffer.wrap(new int[] {total}), new long[0]));
        inputs.put(spec.sharedKv().totalSequenceLength(), made.getLast());
        cache.addOutputs(pinned);
      } else {
        long[] mask = new long[total];
        Arrays.fill(mask, 1L);
        made.add( // (1, past + seq)
            OnnxTensor.createTensor(
                OrtRuntime.environment(), LongBuffer.wrap(mask), new long[] {1, total}));
        inputs.put(spec.attentionMask(), made.getLast());
      }
      cache.addInputs(inputs);
      // One position's logits go into the cache's own buffer, whatever the cache's strategy: no
      // output tensor, and no heap copy of it, each step (the Java loop's garbage was 256 KB a
      // token for a 32k vocabulary, 1.2 MB for a 152k one).
      boolean bound = floatLogits && !allLogits && (lastPositionOnly || seq == 1);
      if (bound) {
        cache.addLogitsOutput(pinned);
      }
      long start = System.nanoTime();
      OrtSession.Result result =
          pinned.isEmpty() ? session.run(inputs) : session.run(inputs, unpinned(pinned), pinned);

      long runNanos = System.nanoTime() - start;
      float[] last;
      float[] all = null;
      try {
        if (bound) {
          last = cache.readLogits();
          cache.advance(result, seq);
          return new StepResult(last, null, runNanos);
        }
        OnnxTensor logits =
            (OnnxTensor)
                result
                    .get(spec.logits())
                    .orElseThrow(() -> new IllegalStateException("no logits output"));
        // getFloatBuffer copies the whole (1, rows, vocab) tensor (ONNX Runtime's Java API has no
        // view of an output): prefill() keeps rows small enough for that copy.
        FloatBuffer buffer = logits.getFloatBuffer();
        int vocab = spec.vocabSize();
        int rows = lastPositionOnly ? 1 : seq;
        if (buffer.remaining() != (long) rows * vocab) {
          throw new DecoderException(
              ErrorCode.DECODER_CONTRACT,
              "The decoder returned "
                  + buffer.remaining()
                  + " logits for "
                  + rows
                  + (lastPositionOnly ? " position (the last)" : " positions")
                  + "; pack.json says vocab_size is "
                  + vocab
                  + ".");
        }
        last = new float[vocab];
        buffer.get((rows - 1) * vocab, last);
        if (allLogits) {
          all = new float[seq * vocab];
          buffer.get(0, all);
        }
      } catch (DecoderException | RuntimeException e) {
        result.close();
        throw e;
      }
      // Hands the presents to the cache, which closes the rest of the result and the old past.
      cache.advance(result, seq);
      return new StepResult(last, all, runNanos);
    } catch (OrtException e) {
      throw new DecoderException(
          ErrorCode.DECODER_FAILED, "The decoder graph failed: " + e.getMessage(), e);
    } finally {
      made.forEach(OnnxTensor::close);
    }
  }

  /** The outputs ONNX Runtime is to return as new tensors: those not written into a pinned one. */
  private Set<String> unpinned(Map<String, OnnxValue> pinned) {
    Set<String> rest = new HashSet<>(outputs);
    rest.removeAll(pinned.keySet());
    return rest;
  }

  private OnnxTensor embedsTensor(float[] embeds, int seq) throws OrtException {
    long[] shape = {1, seq, spec.hidden()};
    int n = seq * spec.hidden();
    if (embedsType == OnnxJavaType.FLOAT16) {
      short[] halves = new short[n];
      for (int i = 0; i < n; i++) {
        halves[i] = Float.floatToFloat16(embeds[i]);
      }
      return OnnxTensor.createTensor(
          OrtRuntime.environment(), ShortBuffer.wrap(halves), shape, OnnxJavaType.FLOAT16);
    }
    return OnnxTensor.createTensor(OrtRuntime.environment(), FloatBuffer.wrap(embeds, 0, n), shape);
  }
}
