package dev.docsift.slm.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docsift.errors.ErrorCode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the tiny pack's graphs against PyTorch's reference numbers: as exported with a cache that
 * each step returns anew ({@code tiny-pack}) and with a shared, preallocated one ({@code
 * tiny-pack-shared}, the same weights).
 */
class DecoderSessionTest {
  /** fp32 ONNX Runtime vs fp32 PyTorch at the last prefill position. */
  static final float PREFILL_TOLERANCE = 1e-4f;

  @ParameterizedTest
  @ValueSource(strings = {"tiny-pack", "tiny-pack-shared"})
  void prefillLogitsMatchPyTorch(String name) throws Exception {
    TinyPack pack = TinyPack.load(name);
    float worst = 0;
    try (DecoderSession session = pack.open()) {
      for (TinyPack.Prompt p : pack.prompts()) {
        try (KvCache cache = session.newCache()) {
          StepResult r = session.run(p.inputIds(), cache);
          float err = TinyPack.maxAbsDiff(r.logits(), p.lastPrefillLogits());
          worst = Math.max(worst, err);
          assertThat(err).as(p.text()).isLessThanOrEqualTo(PREFILL_TOLERANCE);
          assertThat(cache.length()).isEqualTo(p.inputIds().length);
          assertThat(r.runNanos()).isPositive();
        }
      }
    }
    System.out.printf("prefill logits max abs error vs PyTorch (fp32): %.3g%n", worst);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny-pack", "tiny-pack-shared"})
  void kvCacheDecodingEqualsFullRecompute(String name) throws Exception {
    TinyPack pack = TinyPack.load(name);
    float worst = 0;
    try (DecoderSession session = pack.open()) {
      for (KvCache.Strategy strategy : session.strategies()) {
        for (TinyPack.Prompt p : pack.prompts()) {
          int[] seq = p.inputIds();
          try (KvCache cache = session.newCache(strategy)) {
            float[] cached = session.run(seq, cache).logits();
            for (int step = 0; step < 12; step++) {
              float[] full;
              try (KvCache fresh = session.newCache()) {
                full = session.run(seq, fresh).logits();
              }
              worst = Math.max(worst, TinyPack.maxAbsDiff(cached, full));
              assertThat(TinyPack.maxAbsDiff(cached, full)).isLessThan(1e-4f);
              int next = Sampler.argmax(full);
              assertThat(Sampler.argmax(cached)).isEqualTo(next);
              seq = Arrays.copyOf(seq, seq.length + 1);
              seq[seq.length - 1] = next;
              cached = session.run(new int[] {next}, cache).logits();
            }
            assertThat(cache.length()).isEqualTo(seq.length);
          }
        }
      }
    }
    System.out.printf("KV-cache vs full-recompute logits max abs difference: %.3g%n", worst);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny-pack", "tiny-pack-shared"})
  void allPositionLogitsAndChunkedPrefillAgree(String name) throws Exception {
    TinyPack pack = TinyPack.load(name);
    TinyPack.Prompt p = pack.prompts().get(1);
    int n = p.inputIds().length;
    int vocab = pack.spec().vocabSize();
    try (DecoderSession session = pack.open();
        KvCache whole = session.newCache();
        KvCache chunks = session.newCache()) {
      float[] embeds = session.embed(p.inputIds());
      // The shared-cache export returns the last position's logits only.
      assertThat(session.returnsLastPositionOnly()).isEqualTo(name.equals("tiny-pack-shared"));
      float[] last;
      if (session.returnsLastPositionOnly()) {
        assertThatThrownBy(() -> session.run(embeds, n, whole, true))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("last position's logits only");
        assertThat(whole.length()).isZero();
        last = session.run(embeds, n, whole).logits();
      } else {
        StepResult all = session.run(embeds, n, whole, true);
        assertThat(all.allLogits()).hasSize(n * vocab);
        assertThat(Arrays.copyOfRange(all.allLogits(), (n - 1) * vocab, n * vocab))
            .containsExactly(all.logits());
        last = all.logits();
      }
      assertThat(last).hasSize(vocab);
      // The same prompt in two chunks through the cache gives the same last logits.
      int half = n / 2;
      int hidden = pack.spec().hidden();
      session.run(Arrays.copyOfRange(embeds, 0, half * hidden), half, chunks);
      float[] second =
          session
              .run(Arrays.copyOfRange(embeds, half * hidden, n * hidden), n - half, chunks)
              .logits();
      assertThat(TinyPack.maxAbsDiff(second, last)).isLessThan(1e-4f);
    }
  }

  @Test
  void wrongSpecIsAContractMismatch() {
    TinyPack pack = TinyPack.load("tiny-pack");
    DecoderSpec s = pack.spec();
    DecoderSpec threeLayers =
        new DecoderSpec(
            s.vocabSize(),
            s.hidden(),
            3,
            s.attentionHeads(),
            s.kvHeads(),
            s.headSize(),
            s.maxContext(),
            null,
            s.inputsEmbeds(),
            s.attentionMask(),
            s.positionIds(),
            s.pastKey(),
            s.pastValue(),
            s.logits(),
            s.presentKey(),
            s.presentValue(),
            null);
    assertThatThrownBy(
            () ->
                DecoderSession.open(
                    pack.embedTokens(), pack.decoder(), threeLayers, RuntimeOptions.cpu()))
        .isInstanceOfSatisfying(
            DecoderException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DECODER_CONTRACT))
        .hasMessageContaining("missing input past_key_values.2.key");
    DecoderSpec wrongNames =
        new DecoderSpec(
            s.vocabSize(),
            s.hidden(),
            s.layers(),
            s.attentionHeads(),
            s.kvHeads(),
            s.headSize(),
            s.maxContext(),
            null,
            s.inputsEmbeds(),
            s.attentionMask(),
            s.positionIds(),
            "past.%d.k",
            s.pastValue(),
            s.logits(),
            s.presentKey(),
            s.presentValue(),
            null);
    assertThatThrownBy(
            () ->
                DecoderSession.open(
                    pack.embedTokens(), pack.decoder(), wrongNames, RuntimeOptions.cpu()))
        .hasMessageContaining("missing input past.0.k")
        .hasMessageContaining("unexpected input past_key_values.0.key");
  }

  @Test
  void closeIsIdempotentAndUseAfterCloseThrows() throws Exception {
    TinyPack pack = TinyPack.load("tiny-pack");
    DecoderSession session = pack.open();
    KvCache cache = session.newCache();
    session.run(new int[] {5, 6}, cache);
    cache.close();
    assertThatCode(cache::close).doesNotThrowAnyException();
    assertThat(cache.isClosed()).isTrue();
    assertThatThrownBy(() -> session.run(new int[] {7}, cache))
        .isInstanceOf(IllegalStateException.class);
    session.close();
    assertThatCode(session::close).doesNotThrowAnyException();
    assertThatThrownBy(() -> session.embed(new int[] {1}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(session::newCache).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rejectsIdsOutsideTheVocabulary() throws Exception {
    TinyPack pack = TinyPack.load("tiny-pack");
    try (DecoderSession session = pack.open()) {
      assertThatThrownBy(() -> session.embed(new int[] {pack.spec().vocabSize()}))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> session.embed(new int[0]))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void sharedSessionServesThreadsAtOnce() throws Exception {
    TinyPack pack = TinyPack.load("tiny-pack");
    try (DecoderSession session = pack.open()) {
      Generator generator = new Generator(session);
      var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
      try {
        var futures = new java.util.ArrayList<java.util.concurrent.Future<int[]>>();
        for (int round = 0; round < 3; round++) {
          for (TinyPack.Prompt p : pack.prompts()) {
            futures.add(
                pool.submit(
                    () ->
                        generator
                            .generate(
                                p.inputIds(),
                                GenerationConfig.greedy(p.greedyIds().length, java.util.List.of()))
                            .tokenIds()));
          }
        }
        for (int i = 0; i < futures.size(); i++) {
          assertThat(futures.get(i).get())
              .isEqualTo(pack.prompts().get(i % pack.prompts().size()).greedyIds());
        }
      } finally {
        pool.shutdown();
      }
    }
  }
}
