package dev.docsift.slm.constrain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.schemas.SchemaCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ConstraintFactory#warmUp} only spends time: a warmed-up factory's constraints allow
 * exactly what a fresh factory's do, and a schema the warm-up's budget is too small for still warms
 * up.
 */
class ConstraintWarmUpTest {
  private static final String PAGE =
      "CORNER CAFE\n12 Main Street\nCoffee 3.50\nTOTAL 9.00\nDate 2024-03-15 14:32";

  @Test
  void aWarmedUpFactoryGeneratesWhatAFreshOneDoes() throws Exception {
    TestVocab vocab = TestVocab.jsonish(5);
    List<JsonSchemaGrammar> grammars = new ArrayList<>();
    for (String id : List.of("receipt", "invoice")) {
      grammars.add(JsonSchemaGrammar.compile(SchemaCatalog.shipped().get(id)));
    }
    int documents = 0;
    for (JsonSchemaGrammar grammar : grammars) {
      ConstraintFactory fresh = new ConstraintFactory(grammar, vocab, new int[] {vocab.eos()});
      ConstraintFactory warmed = new ConstraintFactory(grammar, vocab, new int[] {vocab.eos()});
      warmed.warmUp();
      Grounding page = Grounding.of(PAGE);
      for (int seed = 0; seed < 12; seed++) {
        boolean grounded = seed % 2 == 1;
        boolean budgeted = seed % 3 == 0;
        RandomGeneration.Skew skew = RandomGeneration.Skew.values()[seed % 4];
        int steps = budgeted ? 120 : 600;
        SchemaConstraint a = grounded ? fresh.create(page) : fresh.create();
        SchemaConstraint b = grounded ? warmed.create(page) : warmed.create();
        String written = outcome(vocab, a, skew, seed, steps, budgeted);
        documents += written.startsWith("{") ? 1 : 0;
        assertThat(outcome(vocab, b, skew, seed, steps, budgeted))
            .as("seed %d", seed)
            .isEqualTo(written);
      }
    }
    assertThat(documents).as("generations that wrote a whole document").isGreaterThan(12);
  }

  /** The document written, or why none was. */
  private static String outcome(
      TestVocab vocab,
      SchemaConstraint c,
      RandomGeneration.Skew skew,
      long seed,
      int steps,
      boolean budgeted) {
    try {
      return RandomGeneration.run(vocab, c, skew, seed, steps, budgeted);
    } catch (AssertionError e) {
      return "no document: " + e.getMessage();
    }
  }

  @Test
  void aSchemaLongerThanTheWarmUpsBudgetWarmsUpWithoutOne() throws Exception {
    // Forty required strings of at least eight characters: no document fits in 160 tokens.
    StringBuilder props = new StringBuilder();
    StringBuilder required = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      props.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":");
      props.append("{\"type\":\"string\",\"minLength\":8,\"maxLength\":12}");
      required.append(i == 0 ? "" : ",").append("\"f").append(i).append('"');
    }
    String schema =
        "{\"type\":\"object\",\"properties\":{"
            + props
            + "},\"required\":["
            + required
            + "],\"additionalProperties\":false}";
    TestVocab vocab = TestVocab.jsonish(5);
    ConstraintFactory factory =
        new ConstraintFactory(
            JsonSchemaGrammar.compile(new ObjectMapper().readTree(schema)),
            vocab,
            new int[] {vocab.eos()});
    // Within the warm-up's budget the shortest document does not fit: the budget path refuses.
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                RandomWalk.run(factory, factory::create, vocab.size(), 100, 160, 2, new Random(1)))
        .isInstanceOf(IllegalStateException.class);
    factory.warmUp();
    // And it still writes valid documents.
    String doc =
        RandomGeneration.run(vocab, factory.create(), RandomGeneration.Skew.CLOSING, 1, 3000, true);
    assertThat(new ObjectMapper().readTree(doc).size()).isEqualTo(40);
  }

  @Test
  void aWalkStopsWhenItsThreadIsInterrupted() throws Exception {
    TestVocab vocab = TestVocab.jsonish(5);
    ConstraintFactory factory =
        new ConstraintFactory(
            JsonSchemaGrammar.compile(SchemaCatalog.shipped().get("receipt")),
            vocab,
            new int[] {vocab.eos()});
    Thread.currentThread().interrupt();
    try {
      RandomWalk.Outcome walk =
          RandomWalk.run(
              factory, factory::create, vocab.size(), 1000, Integer.MAX_VALUE, 2, new Random(1));
      assertThat(walk.tokens()).isZero();
    } finally {
      assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    }
  }
}
