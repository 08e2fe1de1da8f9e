package dev.docsift.slm.decoder;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.docsift.errors.ErrorCode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A decoder open in ONNX Runtime with its KV cache contract (see PACK_FORMAT.md): either two graphs
 * (the embedding graph, {@code input_ids} to {@code inputs_embeds}, then the decoder graph, so that
 * image embeddings can be spliced between token embeddings) or one decoder graph that embeds its
 * own tokens (the text exports of the transformers.js / Optimum layout). Thread-safe: the sessions
 * are shared and {@code OrtSession.run} is thread-safe; every tensor is made and closed within one
 * call, and each generation brings its own {@link KvCache}. Holds native memory: close it.
 */
public final class DecoderSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DecoderSession.class);

  /**
   * The most logits one prefill run may return. A decoder that returns logits for every position
   * has ONNX Runtime's Java API copy the whole output: a 2,000-token prompt of a 152k-token
   * vocabulary would be 1.2 GB at once. Prompts are run in chunks that keep it near 128 MB.
   */
  private static final long MAX_PREFILL_LOGITS = 1L << 25;

  /**
   * The most positions one prefill run takes. Attention's scratch in a run grows with positions
   * times context (ONNX Runtime's GroupQueryAttention holds heads x positions x cache capacity
   * floats), so a page-sized prompt is run in chunks even when only the last logits come back.
   */
  private static final int MAX_PREFILL_CHUNK = 512;

  private final DecoderSpec spec;
  private final EmbeddingGraph embedding; // null when the decoder reads token ids
  private final DecoderStep step;
  private final ResolvedProvider provider;
  private final OnnxJavaType kvType; // FLOAT or FLOAT16
  private final KvBufferPool kvBuffers = new KvBufferPool();
  private volatile boolean closed;

  private DecoderSession(
      DecoderSpec spec,
      EmbeddingGraph embedding,
      OrtSession decoderSession,
      ResolvedProvider provider,
      OnnxJavaType embedsType,
      OnnxJavaType kvType,
      boolean lastPositionOnly,
      boolean floatLogits) {
    this.spec = spec;
    this.embedding = embedding;
    this.step = new DecoderStep(spec, decoderSession, embedsType, lastPositionOnly, floatLogits);
    this.provider = provider;
    this.kvType = kvType;
  }

  /**
   * Opens the graphs and checks them against the contract.
   *
   * @param embedTokens the embedding graph ({@code embed_tokens.onnx}); null when the spec's
   *     decoder reads token ids itself
   * @param decoder the decoder graph ({@code decoder.onnx}, external data beside it)
   * @param spec the contract from pack.json
   * @param options provider, threads, optimisation
   * @return the open session
   * @throws DecoderException {@link ErrorCode#DECODER_LOAD} when a graph cannot be loaded, {@link
   *     ErrorCode#DECODER_CONTRACT} when its inputs or outputs disagree with the spec
   */
  public static DecoderSession open(
      Path embedTokens, Path decoder, DecoderSpec spec, RuntimeOptions options)
      throws DecoderException {
    Objects.requireNonNull(spec, "spec");
    if (!spec.readsTokenIds()) {
      Objects.requireNonNull(embedTokens, "embedTokens");
    }
    OrtRuntime.OpenedSession embed =
        spec.readsTokenIds() ? null : OrtRuntime.openSession(embedTokens, options);
    OrtRuntime.OpenedSession dec = null;
    try {
      dec = OrtRuntime.openSession(decoder, options);
      if (embed != null) {
        report(
            "embedding graph",
            DecoderContract.embeddingProblems(
                spec, signatures(embed.session(), true), signatures(embed.session(), false)));
      }
      Map<String, DecoderContract.Signature> in = signatures(dec.session(), true);
      Map<String, DecoderContract.Signature> out = signatures(dec.session(), false);
      report("decoder graph", DecoderContract.decoderProblems(spec, in, out));
      ResolvedProvider resolved = dec.provider();
      if (embed != null && resolved.warning().isEmpty() && embed.provider().warning().isPresent()) {
        resolved = embed.provider();
      }
      return new DecoderSession(
          spec,
          embed == null ? null : new EmbeddingGraph(embed.session(), spec.hidden()),
          dec.session(),
          resolved,
          spec.readsTokenIds() ? null : in.get(spec.inputsEmbeds()).type(),
          in.get(spec.pastKey(0)).type(),
          DecoderContract.lastPositionOnly(out.get(spec.logits())),
          out.get(spec.logits()).type() == OnnxJavaType.FLOAT);
    } catch (DecoderException | RuntimeException e) {
      if (embed != null) {
        closeQuietly(embed.session());
      }
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

  /**
   * A new, empty cache that never copies between steps: {@link KvCache.Strategy#SHARED_BUFFER} for
   * a shared-cache decoder, else {@link KvCache.Strategy#FEED_OUTPUTS}. The caller closes it.
   */
  public KvCache newCache() throws DecoderException {
    return newCache(strategies().getFirst());
  }

  /** The ways this decoder can hand its cache on, the fastest first. */
  public List<KvCache.Strategy> strategies() {
    // Declaration order is fastest first among the strategies that fit.
    return Arrays.stream(KvCache.Strategy.values()).filter(s -> s.fits(spec)).toList();
  }

  /**
   * A new, empty cache. The caller closes it.
   *
   * @param strategy how steps hand the cache on; one of {@link #strategies()}
   * @return the cache
   * @throws DecoderException when the empty tensors cannot be made
   * @throws IllegalArgumentException when the strategy does not fit this decoder
   */
  public KvCache newCache(KvCache.Strategy strategy) throws DecoderException {
    checkOpen();
    try {
      return new KvCache(spec, strategy, kvType, kvBuffers);
    } catch (OrtException e) {
      throw new DecoderException(
          ErrorCode.DECODER_FAILED, "Cannot make the KV cache: " + e.getMessage(), e);
    }
  }

  /**
   * Embeds token ids with the embedding graph.
   *
   * @param ids token ids, each in [0, vocab_size)
   * @return the embeddings, (seq * hidden) row by row
   * @throws DecoderException when ONNX Runtime fails
   * @throws IllegalStateException when the decoder reads token ids and has no embedding graph
   */
  public float[] embed(int[] ids) throws DecoderException {
    return embedTimed(ids, new long[1]);
  }

  private float[] embedTimed(int[] ids, long[] runNanos) throws DecoderException {
    checkOpen();
    if (embedding == null) {
      throw new IllegalStateException(
          "this decoder embeds its own tokens: it has no embedding graph and takes no images");
    }
    return embedding.embed(ids(ids), runNanos);
  }

  private long[] ids(int[] ids) {
    if (ids.length == 0) {
      throw new IllegalArgumentException("no token ids");
    }
    long[] longs = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0 || ids[i] >= spec.vocabSize()) {
        throw new IllegalArgumentException("token id " + ids[i] + " outside the vocabulary");
      }
      longs[i] = ids[i];
    }
    return longs;
  }

  /**
   * Runs tokens through the decoder in one call, extending the cache (embedding them first when the
   * decoder takes embeddings).
   *
   * @param ids the tokens to add
   * @param cache the cache of this generation
   * @return the last position's logits; {@link StepResult#runNanos()} counts every graph run
   * @throws DecoderException when ONNX Runtime fails
   */
  public StepResult run(int[] ids, KvCache cache) throws DecoderException {
    if (spec.readsTokenIds()) {
      return runInput(ids(ids), null, ids.length, cache, false);
    }
    long[] embedNanos = new long[1];
    float[] embeds = embedTimed(ids, embedNanos);
    StepResult r = run(embeds, ids.length, cache, false);
    return new StepResult(r.logits(), null, r.runNanos() + embedNanos[0]);
  }

  /**
   * Runs a prompt's tokens through the decoder in chunks (see {@link #prefillChunk()}), extending
   * the cache; the logits equal one {@link #run(int[], KvCache)} of the whole prompt.
   *
   * @param ids the prompt
   * @param cache the cache of this generation
   * @return the last position's logits, the run time of every chunk summed
   * @throws DecoderException when ONNX Runtime fails
   */
  public StepResult prefill(int[] ids, KvCache cache) throws DecoderException {
    return prefill(ids, cache, prefillChunk());
  }

  StepResult prefill(int[] ids, KvCache cache, int chunk) throws DecoderException {
    StepResult last = null;
    long nanos = 0;
    for (int from = 0; from < ids.length; from += chunk) {
      last = run(Arrays.copyOfRange(ids, from, Math.min(ids.length, from + chunk)), cache);
      nanos += last.runNanos();
    }
    if (last == null) {
      throw new IllegalArgumentException("empty prompt");
    }
    return new StepResult(last.logits(), null, nanos);
  }

  /**
   * Runs prompt embeddings through the decoder in chunks (see {@link #prefillChunk()}), extending
   * the cache.
   *
   * @param embeds (seq * hidden) row by row: token embeddings, image embeddings spliced in
   * @param seq positions in {@code embeds}
   * @param cache the cache of this generation
   * @return the last position's logits, the run time of every chunk summed
   * @throws DecoderException when ONNX Runtime fails
   */
  public StepResult prefill(float[] embeds, int seq, KvCache cache) throws DecoderException {
    int chunk = prefillChunk();
    int hidden = spec.hidden();
    StepResult last = null;
    long nanos = 0;
    for (int from = 0; from < seq; from += chunk) {
      int n = Math.min(seq, from + chunk) - from;
      float[] part =
          from == 0 && n == seq
              ? embeds
              : Arrays.copyOfRange(embeds, from * hidden, (from + n) * hidden);
      last = run(part, n, cache, false);
      nanos += last.runNanos();
    }
    if (last == null) {
      throw new IllegalArgumentException("empty prompt");
    }
    return new StepResult(last.logits(), null, nanos);
  }

  /**
   * Positions per prefill run: at most {@value #MAX_PREFILL_CHUNK}, and, when the decoder returns
   * every position's logits, as many as keep them under about 128 MB.
   */
  public int prefillChunk() {
    if (step.lastPositionOnly()) {
      return MAX_PREFILL_CHUNK;
    }
    return (int) Math.max(16, Math.min(MAX_PREFILL_CHUNK, MAX_PREFILL_LOGITS / spec.vocabSize()));
  }

  /**
   * Whether the decoder graph returns the logits of a run's last position only ({@code [batch, 1,
   * vocab]}), as the shared-cache exports do; then no run can return every position's.
   */
  public boolean returnsLastPositionOnly() {
    return step.lastPositionOnly();
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
   * @throws IllegalStateException when the decoder reads token ids, or every position's logits are
   *     asked of one that {@linkplain #returnsLastPositionOnly() returns only the last}
   */
  public StepResult run(float[] embeds, int seq, KvCache cache, boolean allLogits)
      throws DecoderException {
    if (spec.readsTokenIds()) {
      throw new IllegalStateException("this decoder reads token ids, not embeddings");
    }
    if (seq <= 0 || embeds.length < (long) seq * spec.hidden()) {
      throw new IllegalArgumentException(
          "need seq * hidden = " + (long) seq * spec.hidden() + " values, got " + embeds.length);
    }
    return runInput(null, embeds, seq, cache, allLogits);
  }

  /** One decoder run on token ids (when {@code ids} is given) or on embeddings. */
  private StepResult runInput(long[] ids, float[] embeds, int seq, KvCache cache, boolean allLogits)
      throws DecoderException {
    checkOpen();
    return step.run(ids, embeds, seq, cache, allLogits);
  }

  /**
   * Runs token ids through a decoder that reads them, extending the cache, with every position's
   * logits (for tests).
   */
  StepResult runIds(int[] ids, KvCache cache, boolean allLogits) throws DecoderException {
    return runInput(ids(ids), null, ids.length, cache, allLogits);
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
    if (embedding != null) {
      closeQuietly(embedding.session());
    }
    closeQuietly(step.session());
    kvBuffers.close();
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException | RuntimeException e) {
      LOG.debug("closing an ONNX Runtime session failed", e);
    }
  }

  private static Map<String, DecoderContract.Signature> signatures(
      OrtSession session, boolean inputs) throws DecoderException {
    try {
      return DecoderContract.signatures(session, inputs);
    } catch (OrtException e) {
      throw new DecoderException(
          ErrorCode.DECODER_LOAD, "Cannot read a graph's inputs: " + e.getMessage(), e);
    }
  }

  static void report(String graph, List<String> problems) throws DecoderException {
    if (!problems.isEmpty()) {
      throw new DecoderException(
          ErrorCode.DECODER_CONTRACT,
          "The " + graph + " does not match pack.json: " + String.join("; ", problems) + ".");
    }
  }
}
