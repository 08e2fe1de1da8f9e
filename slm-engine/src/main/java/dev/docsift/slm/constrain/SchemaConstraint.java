package dev.docsift.slm.constrain;

import dev.docsift.slm.tokenizer.Vocabulary;
import java.util.Map;

/**
 * Constrains one generation to compact JSON that is valid for a schema: only tokens whose bytes
 * keep the text completable stay allowed, end-of-sequence only once the document is complete. Every
 * state reachable through allowed tokens can be completed within a bounded length, so a generation
 * that keeps to the mask always ends in a valid document. Not thread-safe.
 *
 * <p>Budget: given {@link #budget}, the constraint also keeps the document completable within the
 * tokens left. It knows, for every parser state, the fewest bytes that complete the document
 * ({@link ParseState#minBytesToFinish}, d). With r tokens left (end-of-sequence included), a token
 * is safe when the state after it has d' &le; r - 2: d' single-byte tokens plus end-of-sequence
 * still fit in the r - 1 left. Byte-level vocabularies hold all 256 single-byte tokens, so the next
 * byte of a shortest completion is always a safe token and, starting from r &ge; d + 1, the
 * document always closes in time. Far from the limit (r beyond d plus the most one token of this
 * state can add to d, plus {@value #BUDGET_WINDOW}) the cached plain mask is already safe and is
 * used as is; closer, the plain mask is applied and the budget is checked on the token chosen
 * ({@link #admits}: its bytes stepped from the state, d' compared with r - 2), the caller choosing
 * again without it when refused; after a few refusals {@link #maskExactly} computes the safe tokens
 * afresh (never cached, since the result depends on r: the top frame's cached part plus its exits
 * walked with r, tens of microseconds, or a walk of the whole trie when some token inside the top
 * frame would itself go past r, milliseconds on a 152k-token vocabulary; checking the chosen token
 * costs microseconds). A vocabulary without some single-byte token may leave no safe token: the
 * plain mask is then used, the document stays valid as far as written and the caller hits its limit
 * (no worse than without a budget). Grounded strings may need more bytes than d counts (their
 * characters must follow the page text), with the same fallback.
 */
public final class SchemaConstraint implements TokenConstraint {
  private final ConstraintFactory factory;
  private final StepContext ctx;
  private final Map<ParseState, TokenMask> cache;
  private final Map<Frame, TopFrameMasks.Entry> local;

  /**
   * Slack on top of a mask's own growth before the budget check walks the trie: masks are cached
   * per canonical state, whose growth may differ a little from the actual state's (a string near
   * its maxLength, say).
   */
  static final int BUDGET_WINDOW = 64;

  private ParseState state;
  private boolean ended;
  private int budget = Integer.MAX_VALUE;
  private boolean checkChosen; // the last mask left the budget to admits()

  /**
   * A constraint with its own precomputation; prefer {@link ConstraintFactory#create()} to share
   * the token trie and the mask cache between generations.
   *
   * @param grammar the compiled schema
   * @param vocab the tokenizer's vocabulary
   * @param eosIds the end-of-sequence ids
   */
  public SchemaConstraint(JsonSchemaGrammar grammar, Vocabulary vocab, int[] eosIds) {
    this(
        new ConstraintFactory(grammar, vocab, eosIds),
        StepContext.UNGROUNDED,
        new java.util.HashMap<>(),
        null);
  }

  /**
   * @param cache masks by canonical state
   * @param local top-frame parts that depend on this generation's grounding; null when ungrounded
   */
  SchemaConstraint(
      ConstraintFactory factory,
      StepContext ctx,
      Map<ParseState, TokenMask> cache,
      Map<Frame, TopFrameMasks.Entry> local) {
    this.factory = factory;
    this.ctx = ctx;
    this.cache = cache;
    this.local = local;
    this.state = ParseState.initial(factory.grammar().root());
  }

  @Override
  public void mask(float[] logits) {
    // Models pad their embedding matrix past the tokenizer (Qwen2.5: 151,936 logits for 151,665
    // tokens); those ids stand for no text and must never be picked.
    for (int id = factory.vocabSize(); id < logits.length; id++) {
      logits[id] = Float.NEGATIVE_INFINITY;
    }
    if (ended) {
      for (int id = 0; id < factory.vocabSize(); id++) {
        if (!factory.isEos(id)) {
          logits[id] = Float.NEGATIVE_INFINITY;
        }
      }
      return;
    }
    TokenMask plain = factory.mask(ctx, state, cache, local);
    checkChosen =
        budget != Integer.MAX_VALUE
            && (long) state.minBytesToFinish() + plain.maxGrowth() + 2 + BUDGET_WINDOW >= budget;
    plain.apply(logits);
  }

  @Override
  public boolean admits(int tokenId) {
    if (!checkChosen || factory.isEos(tokenId)) {
      return true;
    }
    // One token's bytes instead of a walk over the whole vocabulary: see the class comment.
    ParseState s = state;
    for (byte b : factory.bytes(tokenId)) {
      s = ParseState.step(ctx, s, b & 0xFF);
      if (s == null) {
        return false;
      }
    }
    return s.minBytesToFinish() <= budget - 2;
  }

  @Override
  public void maskExactly(float[] logits) {
    if (checkChosen) {
      checkChosen = false;
      TokenMask safe = factory.within(ctx, state, budget - 2, local);
      if (safe != null) {
        safe.apply(logits);
      }
      // else nothing fits (a vocabulary without single-byte tokens): see the class comment.
    }
  }

  @Override
  public void budget(int remainingTokens) {
    if (remainingTokens < 1) {
      throw new IllegalArgumentException("remainingTokens must be at least 1: " + remainingTokens);
    }
    budget = remainingTokens;
  }

  @Override
  public void accept(int tokenId) {
    if (tokenId < 0 || tokenId >= factory.vocabSize()) {
      throw new IllegalArgumentException("token " + tokenId + " is outside the vocabulary");
    }
    if (factory.isEos(tokenId)) {
      if (!ended && !state.complete()) {
        throw new IllegalArgumentException("end of sequence before the document is complete");
      }
      ended = true;
      return;
    }
    if (ended || factory.isSpecial(tokenId)) {
      throw new IllegalArgumentException("token " + tokenId + " is not allowed here");
    }
    ParseState s = state;
    for (byte b : factory.bytes(tokenId)) {
      s = ParseState.step(ctx, s, b & 0xFF);
      if (s == null) {
        throw new IllegalArgumentException("token " + tokenId + " is not allowed here");
      }
    }
    state = s;
  }

  /** The parser state so far (for tests). */
  ParseState state() {
    return state;
  }

  /** This generation's grounded top-frame parts; null when ungrounded (for tests). */
  Map<Frame, TopFrameMasks.Entry> localParts() {
    return local;
  }

  /** The grounding this generation is held to (for tests). */
  StepContext context() {
    return ctx;
  }

  @Override
  public boolean isComplete() {
    return ended || state.complete();
  }
}
