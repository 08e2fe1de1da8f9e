package dev.docsift.slm.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.docsift.errors.ErrorCode;
import dev.docsift.slm.constrain.TokenConstraint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GeneratorTest {
  private static TinyPack pack;
  private static DecoderSession session;

  @BeforeAll
  static void open() throws Exception {
    if (TinyPack.folder("tiny-pack") != null) {
      pack = TinyPack.load("tiny-pack");
      session = pack.open();
    }
  }

  @AfterAll
  static void close() {
    if (session != null) {
      session.close();
    }
  }

  private static Generator generator() {
    TinyPack.load("tiny-pack"); // skips when absent
    return new Generator(session);
  }

  @ParameterizedTest
  @EnumSource(
      value = KvCache.Strategy.class,
      names = {"FEED_OUTPUTS", "COPY_TO_HEAP"}) // SHARED_BUFFER: SharedKvCacheTest
  void greedyTokensEqualPyTorch(KvCache.Strategy strategy) throws Exception {
    Generator g = generator();
    g = new Generator(session, strategy);
    for (TinyPack.Prompt p : pack.prompts()) {
      GenerationResult r =
          g.generate(p.inputIds(), GenerationConfig.greedy(p.greedyIds().length, List.of()));
      assertThat(r.tokenIds()).as(p.text()).containsExactly(p.greedyIds());
      assertThat(r.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
      assertThat(r.timings().decodeSteps()).isEqualTo(p.greedyIds().length - 1);
      assertThat(r.timings().promptTokens()).isEqualTo(p.inputIds().length);
    }
  }

  @Test
  void promptEmbeddingsGiveTheSameTokensAsIds() throws Exception {
    Generator g = generator();
    TinyPack.Prompt p = pack.prompts().get(2);
    float[] embeds = session.embed(p.inputIds());
    GenerationResult r =
        g.generate(
            embeds,
            p.inputIds().length,
            GenerationConfig.greedy(p.greedyIds().length, List.of()),
            GenerationHooks.NONE);
    assertThat(r.tokenIds()).containsExactly(p.greedyIds());
  }

  @Test
  void logprobsAreLogSoftmaxOfTheStepLogits() throws Exception {
    Generator g = generator();
    TinyPack.Prompt p = pack.prompts().get(0);
    List<float[]> heard = new ArrayList<>();
    GenerationResult r =
        g.generate(
            p.inputIds(),
            GenerationConfig.greedy(6, List.of()),
            GenerationHooks.NONE.withListener((id, lp) -> heard.add(new float[] {id, lp})));
    int[] seq = p.inputIds();
    for (int i = 0; i < r.tokenIds().length; i++) {
      float[] logits;
      try (KvCache fresh = session.newCache()) {
        logits = session.run(seq, fresh).logits();
      }
      assertThat(r.logprobs()[i])
          .isCloseTo(Sampler.logSoftmax(logits, r.tokenIds()[i]), within(1e-4f));
      assertThat(r.logprobs()[i]).isLessThanOrEqualTo(0f);
      assertThat(r.unmaskedLogprobs()[i]).isEqualTo(r.logprobs()[i]);
      assertThat(heard.get(i)).containsExactly(r.tokenIds()[i], r.logprobs()[i]);
      seq = Arrays.copyOf(seq, seq.length + 1);
      seq[seq.length - 1] = r.tokenIds()[i];
    }
    assertThat(heard).hasSize(6);
  }

  @Test
  void stopsAtMaxTokens() throws Exception {
    Generator g = generator();
    TinyPack.Prompt p = pack.prompts().get(0);
    GenerationResult r = g.generate(p.inputIds(), GenerationConfig.greedy(3, List.of()));
    assertThat(r.tokenIds()).containsExactly(Arrays.copyOf(p.greedyIds(), 3));
    assertThat(r.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    GenerationResult one = g.generate(p.inputIds(), GenerationConfig.greedy(1, List.of()));
    assertThat(one.tokenIds()).containsExactly(p.greedyIds()[0]);
    assertThat(one.timings().decodeSteps()).isZero();
  }

  @Test
  void stopsAtAStopTokenWhichIsLeftOut() throws Exception {
    Generator g = generator();
    TinyPack.Prompt p = pack.prompts().get(3);
    int stop = p.greedyIds()[5];
    int first = indexOf(p.greedyIds(), stop);
    GenerationResult r = g.generate(p.inputIds(), GenerationConfig.greedy(24, List.of(stop, 9999)));
    assertThat(r.stopReason()).isEqualTo(StopReason.STOP_TOKEN);
    assertThat(r.tokenIds()).containsExactly(Arrays.copyOf(p.greedyIds(), first));
  }

  @Test
  void cancellationStopsBetweenSteps() throws Exception {
    Generator g = generator();
    TinyPack.Prompt p = pack.prompts().get(1);
    AtomicBoolean cancel = new AtomicBoolean();
    int[] count = {0};
    GenerationHooks hooks =
        GenerationHooks.NONE
            .withCancellation(cancel::get)
            .withListener(
                (id, lp) -> {
                  if (++count[0] == 4) {
                    cancel.set(true);
                  }
                });
    GenerationResult r = g.generate(p.inputIds(), GenerationConfig.greedy(24, List.of()), hooks);
    assertThat(r.stopReason()).isEqualTo(StopReason.CANCELLED);
    assertThat(r.tokenIds()).containsExactly(Arrays.copyOf(p.greedyIds(), 4));
    GenerationResult before =
        g.generate(p.inputIds(), GenerationConfig.greedy(24, List.of()), hooks);
    assertThat(before.stopReason()).isEqualTo(StopReason.CANCELLED);
    assertThat(before.tokenIds()).isEmpty();
  }

  @Test
  void constraintMasksAndCompletesOnStopToken() throws Exception {
    Generator g = generator();
    TinyPack.Prompt p = pack.prompts().get(0);
    // Allows tokens 100..109 for five tokens, then only eos (2).
    FakeConstraint c = new FakeConstraint(5, 2);
    GenerationResult r =
        g.generate(
            p.inputIds(),
            GenerationConfig.greedy(24, List.of(2)),
            GenerationHooks.NONE.withConstraint(c));
    assertThat(r.stopReason()).isEqualTo(StopReason.CONSTRAINT_COMPLETE);
    assertThat(r.tokenIds()).hasSize(5);
    assertThat(Arrays.stream(r.tokenIds()).boxed()).allMatch(t -> t >= 100 && t < 110);
    assertThat(c.accepted)
        .containsExactly(Arrays.stream(r.tokenIds()).boxed().toArray(Integer[]::new));
    for (int i = 0; i < 5; i++) {
      // Masking renormalises over fewer tokens: the masked log-probability is the higher.
      assertThat(r.logprobs()[i]).isGreaterThanOrEqualTo(r.unmaskedLogprobs()[i]);
    }
    assertThat(r.timings().constraintNanos()).isPositive();
    // The slowest step is one of the six steps (five tokens and the end) the total adds up.
    assertThat(r.timings().constraintMaxNanos())
        .isPositive()
        .isLessThanOrEqualTo(r.timings().constraintNanos())
        .isGreaterThanOrEqualTo(r.timings().constraintNanos() / 6);
  }

  @Test
  void constraintThatAllowsNothingIsADeadEnd() {
    Generator g = generator();
    TokenConstraint none = allowingNothingWhen(left -> true);
    assertThatThrownBy(
            () ->
                g.generate(
                    pack.prompts().get(0).inputIds(),
                    GenerationConfig.greedy(4, List.of(2)),
                    GenerationHooks.NONE.withConstraint(none)))
        .isInstanceOfSatisfying(
            DecoderException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CONSTRAINT_DEAD_END);
              assertThat(e.getMessage()).contains("vocabulary").doesNotContain("--max-new-tokens");
            });
  }

  @Test
  void aBudgetTooSmallForTheShortestAnswerSaysToAllowMoreTokens() {
    Generator g = generator();
    // Allows every token, but only with ten or more tokens left to finish in.
    TokenConstraint needsTen = allowingNothingWhen(left -> left < 10);
    assertThatThrownBy(
            () ->
                g.generate(
                    pack.prompts().get(0).inputIds(),
                    GenerationConfig.greedy(4, List.of(2)),
                    GenerationHooks.NONE.withConstraint(needsTen)))
        .isInstanceOfSatisfying(
            DecoderException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CONSTRAINT_DEAD_END);
              assertThat(e.getMessage())
                  .contains("in the 4 tokens left after 0 generated", "--max-new-tokens")
                  .doesNotContain("vocabulary");
            });
  }

  /**
   * A constraint that never completes and allows no token while {@code blocked} holds for the
   * tokens left, every token otherwise.
   */
  private static TokenConstraint allowingNothingWhen(IntPredicate blocked) {
    return new TokenConstraint() {
      private int left = Integer.MAX_VALUE;

      @Override
      public void budget(int remainingTokens) {
        left = remainingTokens;
      }

      @Override
      public void mask(float[] logits) {
        if (blocked.test(left)) {
          Arrays.fill(logits, Float.NEGATIVE_INFINITY);
        }
      }

      @Override
      public void accept(int tokenId) {}

      @Override
      public boolean isComplete() {
        return false;
      }
    };
  }

  @Test
  void seededSamplingIsReproducible() throws Exception {
    Generator g = generator();
    int[] prompt = pack.prompts().get(4).inputIds();
    GenerationConfig config = new GenerationConfig(20, List.of(), 0.9f, 40, 0.95f, 77);
    GenerationResult a = g.generate(prompt, config);
    GenerationResult b = g.generate(prompt, config);
    GenerationResult c =
        g.generate(prompt, new GenerationConfig(20, List.of(), 0.9f, 40, 0.95f, 78));
    assertThat(a.tokenIds()).containsExactly(b.tokenIds());
    assertThat(a.tokenIds()).isNotEqualTo(c.tokenIds());
  }

  @Test
  void promptLongerThanContextIsRefusedAndContextFullStops() throws Exception {
    Generator g = generator();
    int max = pack.spec().maxContext();
    assertThatThrownBy(() -> g.generate(new int[max + 1], GenerationConfig.greedy(1, List.of())))
        .isInstanceOfSatisfying(
            DecoderException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROMPT_TOO_LONG));
    int[] prompt = new int[max - 3];
    Arrays.fill(prompt, 300);
    GenerationResult r = g.generate(prompt, GenerationConfig.greedy(10, List.of()));
    assertThat(r.stopReason()).isEqualTo(StopReason.CONTEXT_FULL);
    assertThat(r.tokenIds()).hasSize(4); // the 4th token's logits come from position max - 1
  }

  @Test
  void timingsSplitSessionRunFromJavaOverhead() throws Exception {
    Generator g = generator();
    GenerationResult r =
        g.generate(pack.prompts().get(2).inputIds(), GenerationConfig.greedy(24, List.of()));
    GenerationTimings t = r.timings();
    assertThat(t.prefillNanos()).isPositive();
    assertThat(t.decodeNanos()).isGreaterThan(t.sessionRunNanos());
    assertThat(t.sessionRunNanos()).isPositive();
    assertThat(t.javaOverheadShare()).isPositive();
  }

  private static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    return -1;
  }

  /** Allows ids 100..109 for n tokens, then only eos. */
  static final class FakeConstraint implements TokenConstraint {
    final int n;
    final int eos;
    final List<Integer> accepted = new ArrayList<>();

    FakeConstraint(int n, int eos) {
      this.n = n;
      this.eos = eos;
    }

    @Override
    public void mask(float[] logits) {
      for (int i = 0; i < logits.length; i++) {
        boolean allowed = isComplete() ? i == eos : i >= 100 && i < 110;
        if (!allowed) {
          logits[i] = Float.NEGATIVE_INFINITY;
        }
      }
    }

    @Override
    public void accept(int tokenId) {
      if (isComplete() || tokenId < 100 || tokenId >= 110) {
        throw new IllegalArgumentException("not allowed: " + tokenId);
      }
      accepted.add(tokenId);
    }

    @Override
    public boolean isComplete() {
      return accepted.size() >= n;
    }
  }
}
