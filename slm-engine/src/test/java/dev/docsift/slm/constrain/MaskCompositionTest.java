package dev.docsift.slm.constrain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.schemas.SchemaCatalog;
import dev.docsift.slm.tokenizer.HfTokenizer;
import dev.docsift.slm.tokenizer.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The masks the constraint applies (cached, composed from top-frame parts and exits) are exactly
 * the sets one full trie walk of the whole state gives ({@link ConstraintFactory#compute}), at
 * every step of many generations sharing one factory: grounded and not, random and greedy, with
 * budgets; and so are the budget's exact masks ({@link ConstraintFactory#within} against {@link
 * ConstraintFactory#withinByWalk}).
 */
class MaskCompositionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PAGE =
      "CAFÉ MÜLLER\nHauptstraße 5, 10115 Berlin\nDate 2024-03-05 14:22\n"
          + "Espresso 2.50\nCroissant \"au beurre\" 3.10\nTOTAL 5.60 EUR\r\nDanke! the total"
          + " amount paid: 12.00 € \\ back/slash\tTab";

  private static List<JsonSchemaGrammar> grammars() throws Exception {
    List<JsonSchemaGrammar> all = new ArrayList<>();
    for (String id : List.of("receipt", "invoice")) {
      all.add(JsonSchemaGrammar.compile(SchemaCatalog.shipped().get(id)));
    }
    for (String schema : HardSchemas.ALL.values()) {
      all.add(JsonSchemaGrammar.compile(JSON.readTree(schema)));
    }
    return all;
  }

  @Test
  void composedMasksEqualTheFullWalkOnTheJsonishVocabulary() throws Exception {
    TestVocab vocab = TestVocab.jsonish(5);
    for (JsonSchemaGrammar grammar : grammars()) {
      check(vocab, grammar, vocab.eos(), 24, 3000);
    }
  }

  @Test
  void composedMasksEqualTheFullWalkOnARandom32kVocabulary() throws Exception {
    TestVocab vocab = TestVocab.random32k(3);
    List<JsonSchemaGrammar> all = grammars();
    for (JsonSchemaGrammar grammar : all.subList(0, 2)) {
      check(vocab, grammar, vocab.eos(), 8, 400);
    }
  }

  @Test
  void composedMasksEqualTheFullWalkOnQwensVocabulary() throws Exception {
    Path file = Path.of("/tmp/qwen-full/Qwen2.5-0.5B-Instruct/tokenizer.json");
    Assumptions.assumeTrue(Files.isRegularFile(file), "Qwen2.5's tokenizer is not at " + file);
    try (HfTokenizer tokenizer = HfTokenizer.load(file)) {
      for (JsonSchemaGrammar grammar : grammars().subList(0, 2)) {
        check(tokenizer, grammar, 151645, 4, 250);
      }
    }
  }

  /**
   * Runs generations on one factory, alternating ungrounded, grounded and budgeted ones and several
   * ways of choosing, comparing every mask with the full walk.
   */
  private static void check(
      Vocabulary vocab, JsonSchemaGrammar grammar, int eos, int generations, int maxSteps) {
    ConstraintFactory factory = new ConstraintFactory(grammar, vocab, new int[] {eos});
    Grounding grounding = Grounding.of(PAGE);
    float[] lengthBonus = new float[vocab.size()];
    for (int id = 0; id < vocab.size(); id++) {
      byte[] b = vocab.bytes(id);
      lengthBonus[id] = b == null ? 0 : 0.5f * b.length;
    }
    int compared = 0;
    int withinCompared = 0;
    for (int g = 0; g < generations; g++) {
      boolean grounded = g % 3 != 0;
      boolean budgeted = g % 4 == 1;
      boolean greedy = g % 5 == 2;
      Random random = new Random(g);
      SchemaConstraint c = grounded ? factory.create(grounding) : factory.create();
      float[] logits = new float[vocab.size()];
      int limit = budgeted ? 60 + random.nextInt(200) : maxSteps;
      boolean done = false;
      for (int step = 0; step < limit && !done; step++) {
        for (int i = 0; i < logits.length; i++) {
          // Greedy runs: fixed logits, so the same states come back from generation to generation.
          logits[i] = (greedy ? 0 : (float) random.nextGaussian()) + lengthBonus[i] * (g % 2);
        }
        logits[eos] += 2f;
        if (budgeted) {
          c.budget(limit - step);
        }
        ParseState state = c.state();
        c.mask(logits);
        TokenMask reference = factory.compute(c.context(), state);
        if (state.top() != null) {
          // The budget check's growth figure, as the walk of this very state gives it.
          assertThat(factory.mask(c.context(), state, new java.util.HashMap<>(), c.localParts()))
              .extracting(TokenMask::maxGrowth)
              .as("growth in %s", state)
              .isEqualTo(reference.maxGrowth());
        }
        for (int id = 0; id < vocab.size(); id++) {
          boolean allowed = logits[id] != Float.NEGATIVE_INFINITY;
          if (allowed != reference.allows(id)) {
            throw new AssertionError(
                "token "
                    + id
                    + " ("
                    + new String(vocab.bytes(id), java.nio.charset.StandardCharsets.UTF_8)
                    + ") is "
                    + (allowed ? "allowed" : "refused")
                    + " by the composed mask, not by the full walk, in state "
                    + state);
          }
        }
        compared++;
        if (budgeted || step % 7 == 0) {
          // The budget's exact masks, for distances from the tightest on.
          for (int slack : new int[] {0, 2, 8, 30}) {
            int maxDistance = state.minBytesToFinish() + slack;
            TokenMask composed = factory.within(c.context(), state, maxDistance, c.localParts());
            TokenMask walked = factory.withinByWalk(c.context(), state, maxDistance);
            assertThat(composed == null ? null : composed.allowed())
                .as("within %d of %s", maxDistance, state)
                .isEqualTo(walked == null ? null : walked.allowed());
          }
          withinCompared++;
        }
        int best = RandomGeneration.choose(c, logits);
        assertThat(best).as("a token is left").isGreaterThanOrEqualTo(0);
        c.accept(best);
        done = best == eos;
      }
    }
    assertThat(compared).isGreaterThan(generations);
    assertThat(withinCompared).isGreaterThan(0);
  }
}
