package dev.docsift.bench;

import dev.docsift.slm.constrain.ConstraintFactory;
import dev.docsift.slm.constrain.Grounding;
import dev.docsift.slm.constrain.JsonSchemaGrammar;
import dev.docsift.slm.constrain.SchemaConstraint;
import dev.docsift.slm.tokenizer.Vocabulary;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Measures the constraint as a real generation uses it: known documents, tokenized, are fed token
 * by token through a fresh constraint per document (budget, mask, the budget check on the token,
 * accept, as the generator does), timing every step. Unlike {@link ConstraintBenchmark}'s random
 * walk, the states come back as seldom as they do in a generation. For {@code docsift bench}.
 */
public final class ConstraintReplay {
  /** Documents of the warm-up run on a throwaway factory, so that the JIT has compiled the loop. */
  private static final int JIT_WARMUP_DOCUMENTS = 5;

  private ConstraintReplay() {}

  /**
   * One document to replay.
   *
   * @param tokens its compact JSON, tokenized, end-of-sequence not included
   * @param groundingText the page text its grounded strings come from
   */
  public record Document(int[] tokens, String groundingText) {}

  /** How the constraint is driven. */
  public enum Mode {
    /** {@link ConstraintFactory#create()}, no token limit. */
    UNGROUNDED,
    /** {@link ConstraintFactory#create(Grounding)} with the document's page text. */
    GROUNDED,
    /**
     * Grounded, and the token limit is the document's own length: the budget check runs near the
     * end of every document. A refused document token is followed by {@link
     * SchemaConstraint#maskExactly} (the generator would first try other tokens), then accepted.
     */
    GROUNDED_BUDGET
  }

  /**
   * Per-step times in microseconds.
   *
   * @param steps steps timed
   * @param mean mean
   * @param p50 median
   * @param p99 99th percentile
   * @param max slowest step
   */
  public record Stats(long steps, double mean, double p50, double p99, double max) {
    static Stats of(long[] nanos, int count) {
      if (count == 0) {
        return new Stats(0, 0, 0, 0, 0);
      }
      long[] sorted = Arrays.copyOf(nanos, count);
      Arrays.sort(sorted);
      double sum = 0;
      for (long n : sorted) {
        sum += n;
      }
      return new Stats(
          count,
          sum / count / 1e3,
          sorted[(count - 1) / 2] / 1e3,
          sorted[(int) Math.ceil(0.99 * count) - 1] / 1e3,
          sorted[count - 1] / 1e3);
    }
  }

  /**
   * The outcome of a replay.
   *
   * @param mode how the constraint was driven
   * @param documents documents replayed to the end
   * @param rejected documents the constraint refused a token of (not valid for the schema as
   *     written, or a grounded value missing from the page); left out of the figures
   * @param setupMillis time to build the factory
   * @param cold the first document of a fresh factory
   * @param warm the odd documents, each new to a factory that the even ones warmed
   * @param create the time to create each warm document's constraint (a grounded one prepares the
   *     page's grounded strings), not counted in the steps
   * @param refusals document tokens the budget check refused (warm documents)
   * @param exactMasks the exact masks computed after a refusal (warm documents)
   * @param exact the time of those exact masks
   */
  public record Result(
      Mode mode,
      int documents,
      int rejected,
      double setupMillis,
      Stats cold,
      Stats warm,
      Stats create,
      long refusals,
      long exactMasks,
      Stats exact) {}

  /**
   * Replays documents.
   *
   * @param vocab the vocabulary the documents were tokenized with
   * @param grammar the schema the documents are valid for
   * @param eosIds the end-of-sequence ids; the first ends each document
   * @param documents the documents
   * @param mode how to drive the constraint
   * @param seed the seed of the logits masked (their values do not change what is allowed)
   * @param repeats passes, each on a fresh factory; every step's time is its fastest pass's, which
   *     keeps what the step costs and drops what a busy machine adds (a step preempted once)
   * @return the timings
   */
  public static Result run(
      Vocabulary vocab,
      JsonSchemaGrammar grammar,
      int[] eosIds,
      List<Document> documents,
      Mode mode,
      long seed,
      int repeats) {
    float[] bank = new float[vocab.size()];
    Random random = new Random(seed);
    for (int i = 0; i < bank.length; i++) {
      bank[i] = (float) random.nextGaussian();
    }
    Recorder jit = new Recorder();
    ConstraintFactory throwaway = new ConstraintFactory(grammar, vocab, eosIds);
    for (Document d : documents.subList(0, Math.min(JIT_WARMUP_DOCUMENTS, documents.size()))) {
      replay(throwaway, eosIds[0], d, mode, bank, jit);
    }
    Pass best = null;
    for (int r = 0; r < repeats; r++) {
      Pass p = pass(vocab, grammar, eosIds, documents, mode, bank);
      best = best == null ? p : best.min(p);
    }
    return new Result(
        mode,
        documents.size() - best.rejected,
        best.rejected,
        best.setupMillis,
        best.cold.stats(),
        best.warm.stats(),
        Stats.of(best.warm.creates, best.warm.createCount),
        best.warm.refusals,
        best.warm.exactCount,
        Stats.of(best.warm.exact, best.warm.exactCount));
  }

  /** One fresh factory's run over the documents. */
  private record Pass(double setupMillis, Recorder cold, Recorder warm, int rejected) {
    /** Step by step the faster of two passes over the same documents. */
    Pass min(Pass o) {
      return new Pass(
          Math.min(setupMillis, o.setupMillis), cold.min(o.cold), warm.min(o.warm), rejected);
    }
  }

  private static Pass pass(
      Vocabulary vocab,
      JsonSchemaGrammar grammar,
      int[] eosIds,
      List<Document> documents,
      Mode mode,
      float[] bank) {
    long t0 = System.nanoTime();
    ConstraintFactory factory = new ConstraintFactory(grammar, vocab, eosIds);
    double setupMillis = (System.nanoTime() - t0) / 1e6;
    Recorder cold = new Recorder();
    Recorder warm = new Recorder();
    Recorder unrecorded = new Recorder();
    int rejected = 0;
    // Even documents warm the factory up (the first of them timed as the cold one), odd ones are
    // timed warm: new to the factory, as the next page of a long run is.
    for (int i = 0; i < documents.size(); i++) {
      Recorder r = i == 0 ? cold : i % 2 == 0 ? unrecorded : warm;
      if (!replay(factory, eosIds[0], documents.get(i), mode, bank, r)) {
        rejected++;
      }
    }
    return new Pass(setupMillis, cold, warm, rejected);
  }

  /** Replays one document; false (and its steps not recorded) when a token is refused. */
  private static boolean replay(
      ConstraintFactory factory, int eos, Document d, Mode mode, float[] bank, Recorder r) {
    Grounding grounding = mode == Mode.UNGROUNDED ? null : Grounding.of(d.groundingText);
    long created = System.nanoTime();
    SchemaConstraint c = grounding == null ? factory.create() : factory.create(grounding);
    created = System.nanoTime() - created;
    float[] logits = new float[bank.length];
    int n = d.tokens.length;
    long[] steps = new long[n + 1];
    long refusals = 0;
    long[] exact = new long[n + 1];
    int exactCount = 0;
    for (int i = 0; i <= n; i++) {
      int token = i < n ? d.tokens[i] : eos;
      System.arraycopy(bank, 0, logits, 0, bank.length);
      long a = System.nanoTime();
      if (mode == Mode.GROUNDED_BUDGET) {
        c.budget(n + 1 - i);
      }
      c.mask(logits);
      if (logits[token] == Float.NEGATIVE_INFINITY) {
        return false;
      }
      if (mode == Mode.GROUNDED_BUDGET && !c.admits(token)) {
        refusals++;
        long e = System.nanoTime();
        c.maskExactly(logits);
        exact[exactCount++] = System.nanoTime() - e;
      }
      c.accept(token);
      steps[i] = System.nanoTime() - a;
    }
    r.add(steps, n + 1, refusals, exact, exactCount);
    r.creates = append(r.creates, r.createCount++, new long[] {created}, 1);
    return true;
  }

  private static long[] append(long[] to, int at, long[] from, int n) {
    long[] out = at + n <= to.length ? to : Arrays.copyOf(to, Math.max(2 * to.length, at + n));
    System.arraycopy(from, 0, out, at, n);
    return out;
  }

  /** Step times of several documents. */
  private static final class Recorder {
    long[] steps = new long[1024];
    int count;
    long refusals;
    long[] exact = new long[16];
    int exactCount;
    long[] creates = new long[16];
    int createCount;

    void add(long[] s, int n, long refused, long[] e, int en) {
      steps = append(steps, count, s, n);
      count += n;
      exact = append(exact, exactCount, e, en);
      exactCount += en;
      refusals += refused;
    }

    Stats stats() {
      return Stats.of(steps, count);
    }

    /** Step by step the faster of two recordings of the same steps. */
    Recorder min(Recorder o) {
      Recorder m = new Recorder();
      m.steps = elementwiseMin(steps, o.steps, count);
      m.count = count;
      m.exact = elementwiseMin(exact, o.exact, exactCount);
      m.exactCount = exactCount;
      m.creates = elementwiseMin(creates, o.creates, createCount);
      m.createCount = createCount;
      m.refusals = refusals;
      return m;
    }

    private static long[] elementwiseMin(long[] a, long[] b, int n) {
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        out[i] = Math.min(a[i], b[i]);
      }
      return out;
    }
  }
}
