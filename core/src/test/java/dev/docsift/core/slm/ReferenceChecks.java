package dev.docsift.core.slm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.slm.decoder.GenerationConfig;
import dev.docsift.slm.decoder.GenerationHooks;
import dev.docsift.slm.decoder.GenerationResult;
import dev.docsift.slm.decoder.Generator;
import dev.docsift.slm.decoder.KvCache;
import java.util.List;

/** A pack's decoder against a PyTorch reference.json: last prefill logits and greedy tokens. */
final class ReferenceChecks {
  private ReferenceChecks() {}

  /**
   * Prefills {@code embeds} and compares the last logits with {@code last_prefill_logits} (within
   * {@code logits_abs_tolerance}), then decodes greedily and compares with {@code greedy_ids}.
   */
  static void logitsAndGreedyMatch(
      SlmEngine engine, float[] embeds, int length, JsonNode ref, String label) throws Exception {
    float[] logits;
    try (KvCache cache = engine.decoder().newCache()) {
      logits = engine.decoder().run(embeds.clone(), length, cache).logits();
    }
    JsonNode expected = ref.get("last_prefill_logits");
    double tolerance = ref.get("logits_abs_tolerance").asDouble();
    double worst = 0;
    for (int i = 0; i < expected.size(); i++) {
      worst = Math.max(worst, Math.abs(logits[i] - expected.get(i).asDouble()));
    }
    System.out.printf("%s: max |logit - torch| %.3g (tolerance %.3g)%n", label, worst, tolerance);
    assertThat(worst).as("max |logit - torch|").isLessThan(tolerance);

    GenerationResult greedy =
        new Generator(engine.decoder())
            .generate(
                embeds,
                length,
                GenerationConfig.greedy(ref.get("greedy_ids").size(), List.of()),
                GenerationHooks.NONE);
    assertThat(greedy.tokenIds()).containsExactly(ints(ref.get("greedy_ids")));
  }

  /** A JSON array of whole numbers. */
  static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }
}
