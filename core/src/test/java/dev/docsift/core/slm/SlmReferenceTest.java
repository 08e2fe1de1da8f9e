package dev.docsift.core.slm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.slm.prompt.VisionPrompt;
import dev.docsift.vision.ImageEmbeddings;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole vision path against PyTorch: the same pixels through the pack's vision graph, the
 * prompt the Java builder writes, the visual embeddings spliced into the token embeddings, then the
 * decoder's prefill logits and greedy tokens. For the tiny pack, and for the pack converted from a
 * random checkpoint in InternVL's released safetensors layout (H2OVL-Mississippi-0.8B's Llama and
 * InternVL2-1B's Qwen2 with the Hermes-2 template), whose reference comes from an independent
 * PyTorch forward of that checkpoint (scripts/vision/internvl_reference.py).
 */
class SlmReferenceTest {
  @ParameterizedTest
  @ValueSource(strings = {TinyInternVl.NAME, TinyInternVl.CONVERTED, TinyInternVl.CONVERTED_QWEN2})
  void javaPromptSpliceAndDecoderMatchPyTorch(String pack) throws Exception {
    JsonNode ref = TinyInternVl.reference(pack);
    int tiles = ref.get("tiles").asInt();
    try (SlmEngine engine = SlmEngine.open(TinyInternVl.choice(pack))) {
      ImageEmbeddings visual = engine.encoder().encode(TinyInternVl.testInput(tiles), tiles);
      VisionPrompt prompt =
          engine
              .prompts()
              .build(List.of(visual.tokens()), ref.get("instruction").asText(), null, 4096);
      assertThat(prompt.ids()).containsExactly(ReferenceChecks.ints(ref.get("prompt_ids")));

      int hidden = engine.decoder().spec().hidden();
      float[] embeds = prompt.splice(engine.decoder().embed(prompt.ids()), hidden, visual.values());
      ReferenceChecks.logitsAndGreedyMatch(engine, embeds, prompt.length(), ref, pack);
    }
  }
}
