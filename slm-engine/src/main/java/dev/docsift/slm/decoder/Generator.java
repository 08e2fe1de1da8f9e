package dev.docsift.slm.decoder;

import dev.docsift.errors.ErrorCode;
import dev.docsift.slm.constrain.TokenConstraint;
import java.util.Arrays;
import java.util.Objects;

/**
 * The generation loop: prefill the prompt, then one decoder step per token with the KV cache,
 * optionally under a {@link TokenConstraint}. Thread-safe: each call brings its own cache, sampler
 * and hooks, and the session is shared.
 */
public final class Generator {
  private final DecoderSession session;
  private final KvCache.Strategy cacheStrategy;

  /**
   * A generator feeding the KV cache back without copying.
   *
   * @param session the open decoder; the caller keeps owning (and closes) it
   */
  public Generator(DecoderSession session) {
    this(session, session.strategies().getFirst());
  }

  /**
   * A generator.
   *
   * @param session the open decoder; the caller keeps owning (and closes) it
   * @param cacheStrategy how steps hand the KV cache on
   */
  public Generator(DecoderSession session, KvCache.Strategy cacheStrategy) {
    this.session = Objects.requireNonNull(session, "session");
    this.cacheStrategy = Objects.requireNonNull(cacheStrategy, "cacheStrategy");
  }

  /**
   * Generates from token ids with no hooks.
   *
   * @param promptIds the prompt
   * @param config limits and sampling
   * @return the tokens and why generation stopped
   * @throws DecoderException when ONNX Runtime fails or the prompt exceeds the context
   */
  public GenerationResult generate(int[] promptIds, GenerationConfig config)
      throws DecoderException {
    return generate(promptIds, config, GenerationHooks.NONE);
  }

  /**
   * Generates from token ids.
   *
   * @param promptIds the prompt, at least one token
   * @param config limits and sampling
   * @param hooks constraint, listener, cancellation, sampler
   * @return the tokens and why generation stopped
   * @throws DecoderException when ONNX Runtime fails, the prompt exceeds the context or the
   *     constraint allows no token
   */
  public GenerationResult generate(int[] promptIds, GenerationConfig config, GenerationHooks hooks)
      throws DecoderException {
    if (promptIds.length == 0) {
      throw new IllegalArgumentException("empty prompt");
    }
    checkContext(promptIds.length);
    if (hooks.cancelled().getAsBoolean()) {
      return cancelledBeforeStart(promptIds.length);
    }
    if (session.spec().readsTokenIds()) {
      return generate(cache -> session.prefill(promptIds, cache), promptIds.length, config, hooks);
    }
    return generate(session.embed(promptIds), promptIds.length, config, hooks);
  }

  /**
   * Generates from prompt embeddings, so that image embeddings can be spliced between token
   * embeddings ({@link DecoderSession#embed}).
   *
   * @param promptEmbeds (promptLength * hidden) row by row
   * @param promptLength positions in the prompt, at least 1
   * @param config limits and sampling
   * @param hooks constraint, listener, cancellation, sampler
   * @return the tokens and why generation stopped
   * @throws DecoderException when ONNX Runtime fails, the prompt exceeds the context or the
   *     constraint allows no token
   */
  public GenerationResult generate(
      float[] promptEmbeds, int promptLength, GenerationConfig config, GenerationHooks hooks)
      throws DecoderException {
    Objects.requireNonNull(hooks, "hooks");
    if (promptLength < 1) {
      throw new IllegalArgumentException("empty prompt");
    }
    checkContext(promptLength);
    if (hooks.cancelled().getAsBoolean()) {
      return cancelledBeforeStart(promptLength);
    }
    return generate(
        cache -> session.prefill(promptEmbeds, promptLength, cache), promptLength, config, hooks);
  }

  /** Runs the prompt into an empty cache and returns its last logits. */
  private interface Prefill {
    StepResult run(KvCache cache) throws DecoderException;
  }

  private GenerationResult generate(
      Prefill prefill, int promptLength, GenerationConfig config, GenerationHooks hooks)
      throws DecoderException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(hooks, "hooks");
    Sampler sampler = hooks.sampler().orElseGet(config::sampler);
    TokenConstraint constraint = hooks.constraint().orElse(null);
    int max = config.maxNewTokens();
    int[] tokens = new int[Math.min(max, 256)];
    float[] logprobs = new float[tokens.length];
    float[] rawLogprobs = new float[tokens.length];
    int count = 0;
    long constraintNanos = 0;
    long constraintMax = 0; // the slowest step's constraint time
    int budget = Integer.MAX_VALUE; // tokens the constraint was last told are left
    long runNanos = 0;
    int steps = 0;
    StopReason reason;
    int maxContext = session.spec().maxContext();

    try (KvCache cache = session.newCache(cacheStrategy)) {
      // A shared cache sized for the whole generation at once never grows (a copy) mid-way.
      cache.reserve((int) Math.min(maxContext, (long) promptLength + max));
      long prefillStart = System.nanoTime();
      float[] logits = prefill.run(cache).logits();
      long decodeStart = System.nanoTime();
      while (true) {
        if (hooks.cancelled().getAsBoolean()) {
          reason = StopReason.CANCELLED;
          break;
        }
        double rawLogSumExp = Double.NaN;
        long stepStart = constraintNanos;
        if (constraint != null) {
          // One pass over the raw logits before masking gives the unmasked log-probability: the
          // chosen token was allowed, so its logit is the same before and after the mask.
          rawLogSumExp = Sampler.logSumExp(logits);
          long c0 = System.nanoTime();
          // Tokens this and later mask calls may still pick, a stop token included: the loop ends
          // after count reaches max, or after a token sampled at position maxContext.
          budget = Math.min(max - count, maxContext - cache.length() + 1);
          constraint.budget(budget);
          constraint.mask(logits);
          constraintNanos += System.nanoTime() - c0;
          if (TokenConstraint.allMasked(logits)) {
            throw deadEnd(constraint, logits.length, count, budget);
          }
        }
        int token = sampler.sample(logits);
        if (constraint != null) {
          long c0 = System.nanoTime();
          token = TokenConstraint.admit(constraint, logits, token, sampler::sample);
          if (token < 0) {
            throw deadEnd(constraint, logits.length, count, budget);
          }
          constraintNanos += System.nanoTime() - c0;
        }
        double logSumExp = Sampler.logSumExp(logits);
        float logprob = (float) (logits[token] - logSumExp);
        float rawLogprob = constraint == null ? logprob : (float) (logits[token] - rawLogSumExp);
        if (config.stopIds().contains(token) && (constraint == null || constraint.isComplete())) {
          constraintMax = Math.max(constraintMax, constraintNanos - stepStart);
          reason = constraint == null ? StopReason.STOP_TOKEN : StopReason.CONSTRAINT_COMPLETE;
          break;
        }
        if (constraint != null) {
          long c0 = System.nanoTime();
          constraint.accept(token);
          constraintNanos += System.nanoTime() - c0;
          constraintMax = Math.max(constraintMax, constraintNanos - stepStart);
        }
        if (count == tokens.length) {
          int grown = Math.min(max, tokens.length * 2);
          tokens = Arrays.copyOf(tokens, grown);
          logprobs = Arrays.copyOf(logprobs, grown);
          rawLogprobs = Arrays.copyOf(rawLogprobs, grown);
        }
        tokens[count] = token;
        logprobs[count] = logprob;
        rawLogprobs[count] = rawLogprob;
        count++;
        hooks.listener().onToken(token, logprob);
        if (count >= max) {
          reason = StopReason.MAX_TOKENS;
          break;
        }
        if (cache.length() >= maxContext) {
          reason = StopReason.CONTEXT_FULL;
          break;
        }
        StepResult step = session.run(new int[] {token}, cache);
        runNanos += step.runNanos();
        steps++;
        logits = step.logits();
      }
      long end = System.nanoTime();
      GenerationTimings timings =
          new GenerationTimings(
              promptLength,
              count,
              decodeStart - prefillStart,
              end - decodeStart,
              steps,
              runNanos,
              constraintNanos,
              constraintMax);
      return new GenerationResult(
          Arrays.copyOf(tokens, count),
          Arrays.copyOf(logprobs, count),
          Arrays.copyOf(rawLogprobs, count),
          reason,
          timings);
    }
  }

  /**
   * The error for a step at which the constraint allowed no token. It tells the two causes apart by
   * masking once more without a budget: when tokens are allowed then, the JSON could not be
   * finished in the tokens left, and the user can raise the limit.
   */
  private static DecoderException deadEnd(
      TokenConstraint constraint, int vocab, int count, int budget) {
    constraint.budget(Integer.MAX_VALUE);
    float[] probe = new float[vocab];
    constraint.mask(probe);
    if (!TokenConstraint.allMasked(probe)) {
      return new DecoderException(
          ErrorCode.CONSTRAINT_DEAD_END,
          "The answer cannot be finished as valid JSON in the "
              + budget
              + " tokens left after "
              + count
              + " generated: the schema's shortest answer needs more. Let the model write more"
              + " tokens (--max-new-tokens), or give it a shorter document.");
    }
    return new DecoderException(
        ErrorCode.CONSTRAINT_DEAD_END,
        "The schema constraint allows no token after "
            + count
            + " generated tokens; the schema may need characters the model's vocabulary"
            + " cannot write.");
  }

  private void checkContext(int promptLength) throws DecoderException {
    int maxContext = session.spec().maxContext();
    if (promptLength > maxContext) {
      throw new DecoderException(
          ErrorCode.PROMPT_TOO_LONG,
          "The prompt has "
              + promptLength
              + " tokens but the model reads at most "
              + maxContext
              + "; use fewer tiles or less OCR text.");
    }
  }

  private static GenerationResult cancelledBeforeStart(int promptLength) {
    return new GenerationResult(
        new int[0],
        new float[0],
        new float[0],
        StopReason.CANCELLED,
        new GenerationTimings(promptLength, 0, 0, 0, 0, 0, 0, 0));
  }
}
