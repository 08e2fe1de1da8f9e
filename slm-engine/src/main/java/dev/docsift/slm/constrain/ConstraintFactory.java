package dev.docsift.slm.constrain;

import dev.docsift.slm.tokenizer.Vocabulary;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Everything a schema constraint needs that does not change between generations: the grammar, the
 * vocabulary's token trie and byte strings, a cache of masks keyed by canonical parser state
 * (inside a string or a number the same states come back step after step), and the parts of masks
 * that depend on the top frame only ({@link TopFrameMasks}), from which a state seen for the first
 * time gets its mask by walking only the few tokens that leave its top frame. Thread-safe; build
 * one per (schema, tokenizer) and create a {@link SchemaConstraint} per generation.
 */
public final class ConstraintFactory {
  private static final int MAX_CACHED_MASKS = 4096;

  /** Tokens an ungrounded warm-up takes (a grounded one half as many). */
  private static final int WARM_UP_TOKENS = 800;

  /**
   * Tokens each warm-up document must end within: small enough that the budget path, which a real
   * generation takes near its limit, runs too.
   */
  private static final int WARM_UP_DOCUMENT_BUDGET = 160;

  private static final int WARM_UP_BANKS = 4;

  /** Text a grounded warm-up finds its strings in: words, numbers, a date, as on a receipt. */
  private static final String WARM_UP_TEXT =
      "CORNER CAFE 12 Main Street Springfield\nCoffee 3.50\nSandwich 5.50\nTOTAL 9.00\n"
          + "Date 2024-03-15 14:32 Thank you";

  private final JsonSchemaGrammar grammar;
  private final int vocabSize;
  private final TokenTrie trie;
  private final byte[][] tokenBytes;
  private final boolean[] special;
  private final boolean[] eos;
  private final Map<ParseState, TokenMask> sharedCache = new ConcurrentHashMap<>();
  private final TopFrameMasks topMasks;

  /**
   * Precomputes what the constraint needs about a tokenizer: the token trie, and the masks inside
   * the schema's strings (on a 152k-token vocabulary a few hundred milliseconds, see {@link
   * TopFrameMasks#precompute}).
   *
   * @param grammar the compiled schema
   * @param vocab the tokenizer's vocabulary
   * @param eosIds the ids that end generation; allowed only once the document is complete
   */
  public ConstraintFactory(JsonSchemaGrammar grammar, Vocabulary vocab, int[] eosIds) {
    this.grammar = Objects.requireNonNull(grammar, "grammar");
    this.vocabSize = vocab.size();
    this.trie = new TokenTrie(vocab);
    this.tokenBytes = new byte[vocabSize][];
    this.special = new boolean[vocabSize];
    this.eos = new boolean[vocabSize];
    for (int id = 0; id < vocabSize; id++) {
      tokenBytes[id] = vocab.bytes(id);
      special[id] = vocab.isSpecial(id) || tokenBytes[id] == null || tokenBytes[id].length == 0;
    }
    for (int id : eosIds) {
      if (id < 0 || id >= vocabSize) {
        throw new IllegalArgumentException("eos id " + id + " is outside the vocabulary");
      }
      eos[id] = true;
    }
    this.topMasks = new TopFrameMasks(this, trie);
    topMasks.precompute(grammar.root());
  }

  /**
   * Runs random generations through fresh constraints of this factory, ungrounded and grounded in a
   * sample text, each within a budget of tokens, so that the first real generation finds the
   * constraint's code compiled and the schema's common masks cached instead of paying for both in
   * its first steps. Meant for a background thread while the first document is read; what it costs
   * is printed by {@code docsift bench decoder --warm-up-constraint}.
   */
  public void warmUp() {
    Grounding sample = Grounding.of(WARM_UP_TEXT);
    walk(this::create, WARM_UP_TOKENS, new Random(1));
    walk(() -> create(sample), WARM_UP_TOKENS / 2, new Random(2));
  }

  private void walk(Supplier<SchemaConstraint> constraints, int tokens, Random random) {
    try {
      RandomWalk.run(
          this, constraints, vocabSize, tokens, WARM_UP_DOCUMENT_BUDGET, WARM_UP_BANKS, random);
    } catch (IllegalStateException e) {
      // A schema whose shortest document needs more than the warm-up's budget: walk without one.
      RandomWalk.run(
          this, constraints, vocabSize, tokens, Integer.MAX_VALUE, WARM_UP_BANKS, random);
    }
  }

  /** A constraint for one generation. */
  public SchemaConstraint create() {
    return new SchemaConstraint(this, StepContext.UNGROUNDED, sharedCache, null);
  }

  /**
   * A constraint for one generation whose free-text strings must occur in a source text.
   *
   * <p>Walks the tokens that may open each groundable string on this page (a fraction of a
   * millisecond on a 152k-token vocabulary), so that no step of the generation pays for it.
   *
   * @param grounding the page's text
   * @return the constraint
   */
  public SchemaConstraint create(Grounding grounding) {
    // Grounded states depend on the page: their masks are cached per generation only, and so are
    // the top-frame parts that the grounding decides.
    StepContext ctx = new StepContext(Objects.requireNonNull(grounding));
    Map<Frame, TopFrameMasks.Entry> local = new ConcurrentHashMap<>();
    topMasks.prepareGrounded(ctx, grammar.root(), local);
    return new SchemaConstraint(this, ctx, new ConcurrentHashMap<>(), local);
  }

  JsonSchemaGrammar grammar() {
    return grammar;
  }

  int vocabSize() {
    return vocabSize;
  }

  int maxTokenBytes() {
    return trie.maxTokenBytes;
  }

  byte[] bytes(int id) {
    return tokenBytes[id];
  }

  boolean isSpecial(int id) {
    return special[id];
  }

  boolean isEos(int id) {
    return eos[id];
  }

  /**
   * The mask of a state, from the cache or composed from its top frame's part and its exits (see
   * {@link TopFrameMasks}) and cached.
   *
   * @param local this generation's top-frame parts that depend on its grounding; null when
   *     ungrounded
   */
  TokenMask mask(
      StepContext ctx,
      ParseState state,
      Map<ParseState, TokenMask> cache,
      Map<Frame, TopFrameMasks.Entry> local) {
    if (state.top() != null && state.top().readsGrounding() && ctx.grounding() != null) {
      // Inside a grounded string the state holds the position in the page's automaton, which
      // moves with every byte: such a state does not come back, and caching it would only churn.
      return topMasks.mask(ctx, state, local);
    }
    ParseState key = state.canonical(trie.maxTokenBytes);
    TokenMask m = cache.get(key);
    if (m == null) {
      m = state.top() == null ? compute(ctx, state) : topMasks.mask(ctx, state, local);
      if (cache.size() >= MAX_CACHED_MASKS) {
        cache.clear();
      }
      cache.put(key, m);
    }
    return m;
  }

  /** Computes a mask by one pruned walk of the token trie. */
  TokenMask compute(StepContext ctx, ParseState state) {
    long[] bits = new long[(vocabSize + 63) >>> 6];
    int farthest = walk(ctx, 0, state, bits, Integer.MAX_VALUE);
    addEos(state, bits);
    return TokenMask.of(bits, vocabSize, Math.max(0, farthest - state.minBytesToFinish()));
  }

  /**
   * The tokens allowed in a state whose resulting state can be completed in at most {@code
   * maxDistance} bytes, plus end-of-sequence when the document is complete. Not cached: the result
   * depends on the budget, not only on the state.
   *
   * @return the mask, or null when it would allow nothing
   */
  TokenMask within(
      StepContext ctx, ParseState state, int maxDistance, Map<Frame, TopFrameMasks.Entry> local) {
    long[] bits = state.top() == null ? null : topMasks.within(ctx, state, maxDistance, local);
    if (bits == null) {
      return withinByWalk(ctx, state, maxDistance);
    }
    addEos(state, bits);
    TokenMask m = TokenMask.of(bits, vocabSize);
    return m.isEmpty() ? null : m;
  }

  /** {@link #within} by one walk of the whole trie with the whole state. */
  TokenMask withinByWalk(StepContext ctx, ParseState state, int maxDistance) {
    long[] bits = new long[(vocabSize + 63) >>> 6];
    walk(ctx, 0, state, bits, maxDistance);
    addEos(state, bits);
    TokenMask m = TokenMask.of(bits, vocabSize);
    return m.isEmpty() ? null : m;
  }

  private void addEos(ParseState state, long[] bits) {
    if (state.complete()) {
      addEos(bits);
    }
  }

  void addEos(long[] bits) {
    for (int id = 0; id < vocabSize; id++) {
      if (eos[id]) {
        bits[id >>> 6] |= 1L << id;
      }
    }
  }

  /**
   * Sets the bits of the tokens under a trie node that the state accepts and that leave at most
   * {@code maxDistance} bytes to finish.
   *
   * @return the largest distance to finish left by an allowed token under the node, or -1
   */
  int walk(StepContext ctx, int node, ParseState state, long[] bits, int maxDistance) {
    int[] tokens = trie.tokens;
    int farthest = -1;
    int end = trie.firstChild[node] + trie.childCount[node];
    for (int child = trie.firstChild[node]; child < end; child++) {
      ParseState next = ParseState.step(ctx, state, trie.edge[child] & 0xFF);
      if (next == null) {
        continue; // the whole subtree shares the rejected prefix
      }
      int first = trie.tokenStart[child];
      int last = trie.tokenStart[child + 1];
      if (first < last) {
        // Distance is not monotone along a token (a later byte may close what an earlier one
        // opened), so it filters the tokens ending here but never prunes the subtree.
        int d = next.minBytesToFinish();
        if (d <= maxDistance) {
          farthest = Math.max(farthest, d);
          for (int t = first; t < last; t++) {
            bits[tokens[t] >>> 6] |= 1L << tokens[t];
          }
        }
      }
      if (trie.childCount[child] > 0) {
        farthest = Math.max(farthest, walk(ctx, child, next, bits, maxDistance));
      }
    }
    return farthest;
  }
}
