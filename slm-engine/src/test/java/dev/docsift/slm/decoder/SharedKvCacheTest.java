package dev.docsift.slm.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxJavaType;
import dev.docsift.slm.decoder.DecoderContract.Signature;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shared, preallocated KV cache (GroupQueryAttention written in place): the same weights
 * exported both ways ({@code tiny-pack} and {@code tiny-pack-shared}) give the same logits step for
 * step, across chunked prefill and across the buffers' growth; greedy tokens equal PyTorch's.
 */
class SharedKvCacheTest {
  private static final float TOLERANCE = 1e-4f;

  @Test
  void greedyTokensEqualPyTorch() throws Exception {
    TinyPack pack = TinyPack.load("tiny-pack-shared");
    assertThat(pack.spec().sharesKv()).isTrue();
    try (DecoderSession session = pack.open()) {
      assertThat(session.strategies()).containsExactly(KvCache.Strategy.SHARED_BUFFER);
      Generator g = new Generator(session);
      for (TinyPack.Prompt p : pack.prompts()) {
        GenerationResult r =
            g.generate(p.inputIds(), GenerationConfig.greedy(p.greedyIds().length, List.of()));
        assertThat(r.tokenIds()).as(p.text()).containsExactly(p.greedyIds());
      }
    }
  }

  @Test
  void sharedAndReturnedCachesGiveTheSameLogitsAcrossChunksAndGrowth() throws Exception {
    TinyPack returned = TinyPack.load("tiny-pack");
    TinyPack shared = TinyPack.load("tiny-pack-shared");
    int[] prompt = new Random(7).ints(200, 3, returned.spec().vocabSize()).toArray();
    float worst = 0;
    try (DecoderSession a = returned.open();
        DecoderSession b = shared.open();
        KvCache ca = a.newCache();
        KvCache cb = b.newCache()) {
      float[] la = a.prefill(prompt, ca, 64).logits();
      float[] lb = b.prefill(prompt, cb, 64).logits(); // four runs: a first, then later prompts
      assertThat(cb.capacity()).isEqualTo(KvCache.MIN_SHARED_CAPACITY);
      for (int step = 0; step < 100; step++) { // past 256 tokens: the buffers grow once
        worst = Math.max(worst, TinyPack.maxAbsDiff(la, lb));
        assertThat(TinyPack.maxAbsDiff(la, lb)).as("step %d", step).isLessThan(TOLERANCE);
        int next = Sampler.argmax(la);
        la = a.run(new int[] {next}, ca).logits();
        lb = b.run(new int[] {next}, cb).logits();
      }
      assertThat(cb.length()).isEqualTo(300).isEqualTo(ca.length());
      assertThat(cb.capacity()).isEqualTo(2 * KvCache.MIN_SHARED_CAPACITY);
    }
    System.out.printf("shared vs returned KV cache logits max abs difference: %.3g%n", worst);
  }

  @Test
  void aCacheOnTheLastGenerationsBuffersGivesTheSameLogits() throws Exception {
    TinyPack returned = TinyPack.load("tiny-pack");
    TinyPack shared = TinyPack.load("tiny-pack-shared");
    Random random = new Random(11);
    try (DecoderSession a = returned.open();
        DecoderSession b = shared.open()) {
      // A long generation fills its buffers; the next, shorter one takes them back from the
      // session with that generation's keys and values still in them.
      try (KvCache first = b.newCache()) {
        b.prefill(random.ints(300, 3, shared.spec().vocabSize()).toArray(), first, 64);
        assertThat(first.capacity()).isEqualTo(2 * KvCache.MIN_SHARED_CAPACITY);
      }
      int[] prompt = random.ints(40, 3, shared.spec().vocabSize()).toArray();
      try (KvCache ca = a.newCache();
          KvCache cb = b.newCache()) {
        float[] la = a.prefill(prompt, ca, 64).logits();
        float[] lb = b.prefill(prompt, cb, 64).logits();
        for (int step = 0; step < 20; step++) {
          assertThat(TinyPack.maxAbsDiff(la, lb)).as("step %d", step).isLessThan(TOLERANCE);
          int next = Sampler.argmax(la);
          la = a.run(new int[] {next}, ca).logits();
          lb = b.run(new int[] {next}, cb).logits();
        }
        assertThat(cb.capacity()).isEqualTo(KvCache.MIN_SHARED_CAPACITY);
      }
    }
  }

  @Test
  void aStrategyMustFitTheDecoder() throws Exception {
    try (DecoderSession returned = TinyPack.load("tiny-pack").open();
        DecoderSession shared = TinyPack.load("tiny-pack-shared").open()) {
      assertThat(returned.strategies())
          .containsExactly(KvCache.Strategy.FEED_OUTPUTS, KvCache.Strategy.COPY_TO_HEAP);
      assertThatThrownBy(() -> returned.newCache(KvCache.Strategy.SHARED_BUFFER))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> shared.newCache(KvCache.Strategy.FEED_OUTPUTS))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void contractOfASharedCacheDecoder() {
    DecoderSpec spec =
        new DecoderSpec(
            512,
            64,
            2,
            4,
            2,
            16,
            512,
            null,
            "inputs_embeds",
            null,
            "position_ids",
            "past_key_values.%d.key",
            "past_key_values.%d.value",
            "logits",
            "present.%d.key",
            "present.%d.value",
            new DecoderSpec.SharedKv("seqlens_k", "total_sequence_length"));
    Map<String, Signature> in = ContractValidationTest.inputs();
    in.remove("attention_mask");
    in.put("seqlens_k", new Signature(OnnxJavaType.INT32, new long[] {-1}));
    in.put("total_sequence_length", new Signature(OnnxJavaType.INT32, new long[0]));
    Map<String, Signature> out = ContractValidationTest.outputs();
    assertThat(DecoderContract.decoderProblems(spec, in, out)).isEmpty();

    in.put("total_sequence_length", new Signature(OnnxJavaType.INT64, new long[0]));
    in.remove("seqlens_k");
    in.put("attention_mask", new Signature(OnnxJavaType.INT64, new long[] {-1, -1}));
    assertThat(DecoderContract.decoderProblems(spec, in, out))
        .containsExactlyInAnyOrder(
            "missing input seqlens_k",
            "input total_sequence_length is INT64, not INT32",
            "unexpected input attention_mask");
  }
}
