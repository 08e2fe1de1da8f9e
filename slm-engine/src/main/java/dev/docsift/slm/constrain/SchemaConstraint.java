package dev.docsift.slm.constrain;

import dev.docsift.slm.tokenizer.Vocabulary;
import java.util.Map;

/**
 * Constrains one generation to compact JSON that is valid for a schema: only tokens whose bytes
 * keep the text completable stay allowed, end-of-sequence only once the document is complete. Every
 * state reachable through allowed tokens can be completed within a bounded length, so a generation
 * that keeps to the mask always ends in a valid document. Not thread-safe.
 */
public final class SchemaConstraint implements TokenConstraint {
  private final ConstraintFactory factory;
  private final StepContext ctx;
  private final Map<ParseState, TokenMask> cache;
  private ParseState state;
  private boolean ended;

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
        new java.util.HashMap<>());
  }

  SchemaConstraint(ConstraintFactory factory, StepContext ctx, Map<ParseState, TokenMask> cache) {
    this.factory = factory;
    this.ctx = ctx;
    this.cache = cache;
    this.state = ParseState.initial(factory.grammar().root());
  }

  @Override
  public void mask(float[] logits) {
    if (ended) {
      for (int id = 0; id < factory.vocabSize(); id++) {
        if (!factory.isEos(id)) {
          logits[id] = Float.NEGATIVE_INFINITY;
        }
      }
      return;
    }
    factory.mask(ctx, state, cache).apply(logits);
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

  @Override
  public boolean isComplete() {
    return ended || state.complete();
  }
}
