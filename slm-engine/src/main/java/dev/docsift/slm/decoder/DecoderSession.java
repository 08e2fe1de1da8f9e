package dev.docsift.slm.decoder;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A decoder's two graphs, open in ONNX Runtime: the embedding graph ({@code input_ids} to {@code
 * inputs_embeds}) and the decoder graph with its KV cache (see PACK_FORMAT.md). Thread-safe: the
 * sessions are shared and {@code OrtSession.run} is thread-safe; every tensor is made and closed
 * within one call, and each generation brings its own {@link KvCache}. Holds native memory: close
 * it.
 */
public final class DecoderSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DecoderSession.class);

  /** The embedding graph's input name (PACK_FORMAT.md). */
  public static final String INPUT_IDS = "input_ids";

  /** The embedding graph's output name (PACK_FORMAT.md). */
  public static final String EMBED_OUTPUT = "inputs_embeds";

  private final DecoderSpec spec;
  private final OrtSession embedSession;
  private final OrtSession decoderSession;
  private final ResolvedProvider provider;
  private final OnnxJavaType embedsType; // FLOAT or FLOAT16, what the decoder takes
  private final OnnxJavaType kvType; // FLOAT or FLOAT16
  private volatile boolean closed;

  private DecoderSession(
      DecoderSpec spec,
      OrtSession embedSession,
      OrtSession decoderSession,
      ResolvedProvider provider,
      OnnxJavaType embedsType,
      OnnxJavaType kvType) {
    this.spec = spec;
    this.embedSession = embedSession;
    this.decoderSession = decoderSession;
    this.provider = provider;
    this.embedsType = embedsType;
    this.kvType = kvType;
  }

  /**
   * Opens both graphs and checks them against the contract.
   *
   * @param embedTokens the embedding graph ({@code embed_tokens.onnx})
   * @param decoder the decoder graph ({@code decoder.onnx}, external data beside it)
   * @param spec the contract from pack.json
   * @param options provider, threads, optimisation
   * @return the open session
   * @throws DecoderException {@link DecoderException.Reason#MODEL_LOAD} when a graph cannot be
   *     loaded, {@link DecoderException.Reason#CONTRACT_MISMATCH} when its inputs or outputs
   *     disagree with the spec
   */
  public static DecoderSession open(
      Path embedTokens, Path decoder, DecoderSpec spec, RuntimeOptions options)
      throws DecoderException {
    Objects.requireNonNull(spec, "spec");
    OrtRuntime.OpenedSession embed = OrtRuntime.openSession(embedTokens, options);
    OrtRuntime.OpenedSession dec = null;
    try {
      dec = OrtRuntime.openSession(decoder, options);
      validateEmbedding(
          spec, signatures(embed.session(), true), signatures(embed.session(), false));
      Map<String, Signature> in = signatures(dec.session(), true);
      validateDecoder(spec, in, signatures(dec.session(), false));
      ResolvedProvider resolved = dec.provider();
      if (resolved.warning().isEmpty() && embed.provider().warning().isPresent()) {
        resolved = embed.provider();
      }
      return new DecoderSession(
          spec,
          embed.session(),
          dec.session(),
          resolved,
          in.get(spec.inputsEmbeds()).type(),
          in.get(spec.pastKey(0)).type());
    } catch (DecoderException | RuntimeException e) {
      closeQuietly(embed.session());
      if (dec != null) {
        closeQuietly(dec.session());
      }
      throw e;
    }
  }

  /** The contract the graphs were checked against. */
  public DecoderSpec spec() {
    return spec;
  }

  /** The execution provider the graphs run on, with the fallback warning if any. */
  public ResolvedProvider provider() {
    return provider;
  }

  /** A new, empty cache that feeds outputs back without copying. The caller closes it. */
  public KvCache newCache() throws DecoderException {
    return newCache(KvCache.Strategy.FEED_OUTPUTS);
  }

  /**
   * A new, empty cache. The caller closes it.
   *
   * @param strategy how steps hand the cache on
   * @return the cache
   * @throws DecoderException when the empty tensors cannot be made
   */
  public KvCache newCache(KvCache.Strategy strategy) throws DecoderException {
    checkOpen();
    try {
      return new KvCache(spec, strategy, kvType);
    } catch (OrtException e) {
      throw new DecoderException(
          DecoderException.Reason.RUNTIME, "Cannot make the KV cache: " + e.getMessage(), e);
    }
  }

  /**
   * Embeds token ids.
   *
   * @param ids token ids, each in [0, vocab_size)
   * @return the embeddings, (seq * hidden) row by row
   * @throws DecoderException when ONNX Runtime fails
   */
  public float[] embed(int[] ids) throws DecoderException {
    return embedTimed(ids, new long[1]);
  }

  private float[] embedTimed(int[] ids, long[] runNanos) throws DecoderException {
    checkOpen();
    if (ids.length == 0) {
      throw new IllegalArgumentException("no token ids to embed");
    }
    long[] longs = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0 || ids[i] >= spec.vocabSize()) {
        throw new IllegalArgumentException("token id " + ids[i] + " outside the vocabulary");
      }
      longs[i] = ids[i];
    }
    try (OnnxTensor input = // (1, seq)
        OnnxTensor.createTensor(
            OrtRuntime.environment(), LongBuffer.wrap(longs), new long[] {1, ids.length})) {
      long start = System.nanoTime();
      try (OrtSession.Result result = embedSession.run(Map.of(INPUT_IDS, input))) {
        runNanos[0] = System.nanoTime() - start;
        OnnxTensor out = (OnnxTensor) result.get(0); // (1, seq, hidden)
        FloatBuffer buffer = out.getFloatBuffer();
        float[] embeds = new float[buffer.remaining()];
        buffer.get(embeds);
        if (embeds.length != ids.length * spec.hidden()) {
          throw new DecoderException(
              DecoderException.Reason.CONTRACT_MISMATCH,
              "The embedding graph returned "
                  + embeds.length
                  + " values for "
                  + ids.length
                  + " tokens; pack.json says hidden is "
                  + spec.hidden()
                  + ".");
        }
        return embeds;
      }
    } catch (OrtException e) {
      throw new DecoderException(
          DecoderException.Reason.RUNTIME, "The embedding graph failed: " + e.getMessage(), e);
    }
  }

  /**
   * Embeds tokens and runs them through the decoder, extending the cache.
   *
   * @param ids the tokens to add
   * @param cache the cache of this generation
   * @return the last position's logits; {@link StepResult#runNanos()} counts both graphs
   * @throws DecoderException when ONNX Runtime fails
   */
  public StepResult run(int[] ids, KvCache cache) throws DecoderException {
    long[] embedNanos = new long[1];
    float[] embeds = embedTimed(ids, embedNanos);
    StepResult r = run(embeds, ids.length, cache, false);
    return new StepResult(r.logits(), null, r.runNanos() + embedNanos[0]);
  }

  /**
   * Runs embeddings through the decoder, extending the cache; returns the last position's logits.
   *
   * @param embeds (seq * hidden) row by row: token embeddings, or image embeddings spliced in
   * @param seq positions in {@code embeds}
   * @param cache the cache of this generation; grows by {@code seq}
   * @return the last position's logits
   * @throws DecoderException when ONNX Runtime fails
   */
  public StepResult run(float[] embeds, int seq, KvCache cache) throws DecoderException {
    return run(embeds, seq, cache, false);
  }

  /**
   * Runs embeddings through the decoder, extending the cache.
   *
   * @param embeds (seq * hidden) row by row
   * @param seq positions in {@code embeds}
   * @param cache the cache of this generation; grows by {@code seq}
   * @param allLogits whether to return every position's logits too (for tests)
   * @return the logits
   * @throws DecoderException when ONNX Runtime fails
   */
  public StepResult run(float[] embeds, int seq, KvCache cache, boolean allLogits)
      throws DecoderException {
    checkOpen();
    Objects.requireNonNull(cache, "cache");
    if (seq <= 0 || embeds.length < (long) seq * spec.hidden()) {
      throw new IllegalArgumentException(
          "need seq * hidden = " + (long) seq * spec.hidden() + " values, got " + embeds.length);
    }
    int past = cache.length();
    int total = past + seq;
    long[] mask = new long[total];
    Arrays.fill(mask, 1L);
    long[] positions = new long[seq];
    for (int i = 0; i < seq; i++) {
      positions[i] = past + i;
    }
    Map<String, OnnxTensorLike> inputs = new HashMap<>();
    OnnxTensor embedsTensor = null;
    OnnxTensor maskTensor = null;
    OnnxTensor positionTensor = null;
    try {
      embedsTensor = embedsTensor(embeds, seq); // (1, seq, hidden)
      maskTensor = // (1, past + seq)
          OnnxTensor.createTensor(
              OrtRuntime.environment(), LongBuffer.wrap(mask), new long[] {1, total});
      positionTensor = // (1, seq)
          OnnxTensor.createTensor(
              OrtRuntime.environment(), LongBuffer.wrap(positions), new long[] {1, seq});
      inputs.put(spec.inputsEmbeds(), embedsTensor);
      inputs.put(spec.attentionMask(), maskTensor);
      inputs.put(spec.positionIds(), positionTensor);
      cache.addInputs(inputs);
      long start = System.nanoTime();
      OrtSession.Result result = decoderSession.run(inputs);
      long runNanos = System.nanoTime() - start;
      float[] last;
      float[] all = null;
      try {
        OnnxTensor logits =
            (OnnxTensor)
                result
                    .get(spec.logits())
                    .orElseThrow(() -> new IllegalStateException("no logits output"));
        // getFloatBuffer copies the whole (1, seq, vocab) tensor (ONNX Runtime's Java API has no
        // view of an output); after a long prefill that is seq * vocab floats, once.
        FloatBuffer buffer = logits.getFloatBuffer();
        int vocab = spec.vocabSize();
        if (buffer.remaining() != (long) seq * vocab) {
          throw new DecoderException(
              DecoderException.Reason.CONTRACT_MISMATCH,
              "The decoder returned "
                  + buffer.remaining()
                  + " logits for "
                  + seq
                  + " positions; pack.json says vocab_size is "
                  + vocab
                  + ".");
        }
        last = new float[vocab];
        buffer.get((seq - 1) * vocab, last);
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
          DecoderException.Reason.RUNTIME, "The decoder graph failed: " + e.getMessage(), e);
    } finally {
      if (embedsTensor != null) {
        embedsTensor.close();
      }
      if (maskTensor != null) {
        maskTensor.close();
      }
      if (positionTensor != null) {
        positionTensor.close();
      }
    }
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

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("decoder session is closed");
    }
  }

  /** Closes both graphs. Closing twice is harmless; caches made from it must be closed too. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    closeQuietly(embedSession);
    closeQuietly(decoderSession);
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException | RuntimeException e) {
      LOG.debug("closing an ONNX Runtime session failed", e);
    }
  }

  // ---- contract checks -------------------------------------------------------------------------

  /**
   * A graph input or output as far as the contract cares.
   *
   * @param type the element type, or null when not a tensor
   * @param shape dimensions, -1 where dynamic
   */
  record Signature(OnnxJavaType type, long[] shape) {}

  private static Map<String, Signature> signatures(OrtSession session, boolean inputs)
      throws DecoderException {
    try {
      Map<String, NodeInfo> infos = inputs ? session.getInputInfo() : session.getOutputInfo();
      Map<String, Signature> out = new LinkedHashMap<>();
      infos.forEach(
          (name, info) -> {
            if (info.getInfo() instanceof TensorInfo t) {
              out.put(name, new Signature(t.type, t.getShape()));
            } else {
              out.put(name, new Signature(null, new long[0]));
            }
          });
      return out;
    } catch (OrtException e) {
      throw new DecoderException(
          DecoderException.Reason.MODEL_LOAD, "Cannot read a graph's inputs: " + e.getMessage(), e);
    }
  }

  static void validateEmbedding(
      DecoderSpec spec, Map<String, Signature> inputs, Map<String, Signature> outputs)
      throws DecoderException {
    List<String> problems = new ArrayList<>();
    check(problems, "input", INPUT_IDS, inputs.get(INPUT_IDS), OnnxJavaType.INT64, 2, -1, -1);
    for (String name : inputs.keySet()) {
      if (!name.equals(INPUT_IDS)) {
        problems.add("unexpected input " + name);
      }
    }
    Signature out = outputs.get(EMBED_OUTPUT);
    if (out == null && outputs.size() == 1) {
      out = outputs.values().iterator().next(); // the name of a lone output does not matter
    }
    checkFloat(problems, "output", EMBED_OUTPUT, out, 3, 2, spec.hidden());
    report("embedding graph", problems);
  }

  static void validateDecoder(
      DecoderSpec spec, Map<String, Signature> inputs, Map<String, Signature> outputs)
      throws DecoderException {
    List<String> problems = new ArrayList<>();
    Map<String, Boolean> expected = new LinkedHashMap<>();
    checkFloat(
        problems,
        "input",
        spec.inputsEmbeds(),
        inputs.get(spec.inputsEmbeds()),
        3,
        2,
        spec.hidden());
    expected.put(spec.inputsEmbeds(), true);
    check(
        problems,
        "input",
        spec.attentionMask(),
        inputs.get(spec.attentionMask()),
        OnnxJavaType.INT64,
        2,
        -1,
        -1);
    expected.put(spec.attentionMask(), true);
    check(
        problems,
        "input",
        spec.positionIds(),
        inputs.get(spec.positionIds()),
        OnnxJavaType.INT64,
        2,
        -1,
        -1);
    expected.put(spec.positionIds(), true);
    OnnxJavaType kvType = null;
    for (int layer = 0; layer < spec.layers(); layer++) {
      for (String name : List.of(spec.pastKey(layer), spec.pastValue(layer))) {
        Signature s = inputs.get(name);
        checkKv(problems, "input", name, s, spec);
        expected.put(name, true);
        if (s != null && kvType == null) {
          kvType = s.type();
        } else if (s != null && s.type() != kvType) {
          problems.add(
              "input " + name + " is " + s.type() + " but other past tensors are " + kvType);
        }
      }
      for (String name : List.of(spec.presentKey(layer), spec.presentValue(layer))) {
        checkKv(problems, "output", name, outputs.get(name), spec);
      }
    }
    for (String name : inputs.keySet()) {
      if (!expected.containsKey(name)) {
        // Every input must be fed; one the contract does not name cannot be.
        problems.add("unexpected input " + name);
      }
    }
    checkFloat(
        problems, "output", spec.logits(), outputs.get(spec.logits()), 3, 2, spec.vocabSize());
    report("decoder graph", problems);
  }

  private static void checkKv(
      List<String> problems, String kind, String name, Signature s, DecoderSpec spec) {
    if (checkFloat(problems, kind, name, s, 4, 1, spec.kvHeads())) {
      long head = s.shape()[3];
      if (head >= 0 && head != spec.headSize()) {
        problems.add(
            kind + " " + name + " has head size " + head + ", pack.json says " + spec.headSize());
      }
    }
  }

  private static boolean checkFloat(
      List<String> problems, String kind, String name, Signature s, int rank, int dim, long size) {
    if (s != null && s.type() != OnnxJavaType.FLOAT && s.type() != OnnxJavaType.FLOAT16) {
      problems.add(kind + " " + name + " is " + s.type() + ", not float or float16");
      return false;
    }
    return check(problems, kind, name, s, s == null ? null : s.type(), rank, dim, size);
  }

  private static boolean check(
      List<String> problems,
      String kind,
      String name,
      Signature s,
      OnnxJavaType type,
      int rank,
      int dim,
      long size) {
    if (s == null) {
      problems.add("missing " + kind + " " + name);
      return false;
    }
    if (s.type() != type) {
      problems.add(kind + " " + name + " is " + s.type() + ", not " + type);
      return false;
    }
    if (s.shape().length != rank) {
      problems.add(
          kind + " " + name + " has shape " + Arrays.toString(s.shape()) + ", not rank " + rank);
      return false;
    }
    if (dim >= 0 && s.shape()[dim] >= 0 && s.shape()[dim] != size) {
      problems.add(
          kind
              + " "
              + name
              + " has shape "
              + Arrays.toString(s.shape())
              + ", pack.json says dimension "
              + dim
              + " is "
              + size);
      return false;
    }
    return true;
  }

  private static void report(String graph, List<String> problems) throws DecoderException {
    if (!problems.isEmpty()) {
      throw new DecoderException(
          DecoderException.Reason.CONTRACT_MISMATCH,
          "The " + graph + " does not match pack.json: " + String.join("; ", problems) + ".");
    }
  }
}
