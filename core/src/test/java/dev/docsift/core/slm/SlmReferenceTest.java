package dev.docsift.core.slm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.slm.decoder.GenerationConfig;
import dev.docsift.slm.decoder.GenerationHooks;
import dev.docsift.slm.decoder.GenerationResult;
import dev.docsift.slm.decoder.Generator;
import dev.docsift.slm.decoder.KvCache;
import dev.docsift.slm.prompt.VisionPrompt;
import dev.docsift.vision.ImageEmbeddings;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole vision path against PyTorch: the same pixels through the pack's vision graph, the
 * prompt the Java builder writes, the visual embeddings spliced into the token embeddings, then the
 * decoder's prefill logits and greedy tokens. For the tiny pack, and for the pack converted from a
 * random checkpoint in InternVL's released safetensors layout, whose reference comes from an
 * independent PyTorch forward of that checkpoint (scripts/vision/internvl_reference.py).
 */
class SlmReferenceTest {
  @ParameterizedTest
  @ValueSource(strings = {TinyInternVl.NAME, TinyInternVl.CONVERTED})
  void javaPromptSpliceAndDecoderMatchPyTorch(String pack) throws Exception {
    JsonNode ref = TinyInternVl.reference(pack);
    int tiles = ref.get("tiles").asInt();
    try (SlmEngine engine = SlmEngine.open(TinyInternVl.choice(pack))) {
      ImageEmbeddings visual = engine.encoder().encode(TinyInternVl.testInput(tiles), tiles);
      VisionPrompt prompt =
          engine
              .prompts()
              .build(List.of(visual.tokens()), ref.get("instruction").asText(), null, 4096);
      assertThat(prompt.ids()).containsExactly(ints(ref.get("prompt_ids")));

      int hidden = engine.decoder().spec().hidden();
      float[] embeds = prompt.splice(engine.decoder().embed(prompt.ids()), hidden, visual.values());
      float[] logits;
      try (KvCache cache = engine.decoder().newCache()) {
        logits = engine.decoder().run(embeds.clone(), prompt.length(), cache).logits();
      }
      JsonNode expected = ref.get("last_prefill_logits");
      double tolerance = ref.get("logits_abs_tolerance").asDouble();
      double worst = 0;
      for (int i = 0; i < expected.size(); i++) {
        worst = Math.max(worst, Math.abs(logits[i] - expected.get(i).asDouble()));
      }
      System.out.printf("%s: max |logit - torch| %.3g (tolerance %.3g)%n", pack, worst, tolerance);
      assertThat(worst).as("max |logit - torch|").isLessThan(tolerance);

      GenerationResult greedy =
          new Generator(engine.decoder())
              .generate(
                  embeds,
                  prompt.length(),
                  GenerationConfig.greedy(ref.get("greedy_ids").size(), List.of()),
                  GenerationHooks.NONE);
      assertThat(greedy.tokenIds()).containsExactly(ints(ref.get("greedy_ids")));
    }
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }
}
