package dev.docsift.slm.constrain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distance to a complete document, and generation under a tight token budget. */
class MinBytesToFinishTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * ASCII plus the bytes of é and €, the only non-ASCII characters the hard schemas' patterns
   * require: every shortest completion is made of these, and the search stays small.
   */
  private static final int[] SEARCHED_BYTES =
      java.util.stream.IntStream.concat(
              java.util.stream.IntStream.range(0, 0x80),
              java.util.stream.IntStream.of(0xC3, 0xA9, 0xE2, 0x82, 0xAC))
          .toArray();

  @TempDir Path dir;

  private static ParseState initial(String schema) throws Exception {
    return ParseState.initial(JsonSchemaGrammar.compile(JSON.readTree(schema)).root());
  }

  private static ParseState feed(ParseState s, String text) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      s = ParseState.step(StepContext.UNGROUNDED, s, b & 0xFF);
      assertThat(s).as("byte %02x of %s", b, text).isNotNull();
    }
    return s;
  }

  /** The shortest completion found by breadth-first search over single bytes. */
  private static int searched(ParseState from) {
    Map<ParseState, Integer> seen = new HashMap<>();
    ArrayDeque<ParseState> queue = new ArrayDeque<>();
    seen.put(from, 0);
    queue.add(from);
    while (!queue.isEmpty()) {
      ParseState s = queue.poll();
      int d = seen.get(s);
      if (s.complete()) {
        return d;
      }
      for (int b : SEARCHED_BYTES) {
        ParseState n = ParseState.step(StepContext.UNGROUNDED, s, b);
        if (n != null && seen.putIfAbsent(n, d + 1) == null) {
          queue.add(n);
        }
      }
    }
    throw new AssertionError("no completion");
  }

  @Test
  void stringsCountQuotesMinLengthAndPatterns() throws Exception {
    String schema =
        """
        {"type":"object","required":["a","c"],"properties":{
          "a":{"type":"string","minLength":2,"maxLength":3},
          "b":{"type":"boolean"},
          "c":{"type":"string","pattern":"^[A-Z]{2}-[0-9]{3,5}$"}}}""";
    ParseState s = initial(schema);
    // {"a":"xx","c":"AB-123"}
    assertThat(s.minBytesToFinish()).isEqualTo(23);
    assertThat(feed(s, "{").minBytesToFinish()).isEqualTo(22);
    assertThat(feed(s, "{\"a\":\"x").minBytesToFinish()).isEqualTo(1 + 1 + 13 + 1);
    assertThat(feed(s, "{\"a\":\"xyz").minBytesToFinish()).isEqualTo(1 + 13 + 1);
    // An optional key begun must be finished: "b":true then the rest.
    assertThat(feed(s, "{\"a\":\"xy\",\"").minBytesToFinish()).isEqualTo(12);
    assertThat(feed(s, "{\"a\":\"xy\",\"b").minBytesToFinish()).isEqualTo(2 + 4 + 13 + 1);
    assertThat(feed(s, "{\"a\":\"xy\",\"c\":\"AB-1").minBytesToFinish()).isEqualTo(2 + 1 + 1);
    assertThat(feed(s, "{\"a\":\"xy\",\"c\":\"AB-12345\"}").minBytesToFinish()).isZero();
  }

  @Test
  void arraysNumbersLiteralsAndUnions() throws Exception {
    String schema =
        """
        {"type":"object","required":["n","e","u"],"properties":{
          "n":{"type":"array","minItems":2,"maxItems":4,"items":{"type":"number"}},
          "e":{"enum":["paid","unpaid",null]},
          "u":{"type":["string","null"],"minLength":3},
          "w":{"type":"string","pattern":"^é$"}}}""";
    ParseState s = initial(schema);
    // {"n":[0,0],"e":null,"u":null}
    assertThat(s.minBytesToFinish()).isEqualTo(29);
    assertThat(feed(s, "{\"n\":[").minBytesToFinish()).isEqualTo(4 + 19);
    assertThat(feed(s, "{\"n\":[-").minBytesToFinish()).isEqualTo(1 + 3 + 19);
    assertThat(feed(s, "{\"n\":[1.").minBytesToFinish()).isEqualTo(1 + 3 + 19);
    assertThat(feed(s, "{\"n\":[12").minBytesToFinish()).isEqualTo(3 + 19);
    assertThat(feed(s, "{\"n\":[1,2,").minBytesToFinish()).isEqualTo(2 + 19);
    assertThat(feed(s, "{\"n\":[1,2]").minBytesToFinish()).isEqualTo(19);
    assertThat(feed(s, "{\"n\":[1,2],\"e\":\"p").minBytesToFinish()).isEqualTo(4 + 10);
    assertThat(feed(s, "{\"n\":[1,2],\"e\":null,\"u\":\"").minBytesToFinish()).isEqualTo(5);
    assertThat(feed(s, "{\"n\":[1,2],\"e\":null,\"u\":null,\"w\":\"").minBytesToFinish())
        .isEqualTo(2 + 1 + 1);
    // Half of é (C3 A9) written: one continuation byte, the quote, the brace.
    ParseState half = feed(s, "{\"n\":[1,2],\"e\":null,\"u\":null,\"w\":\"");
    half = ParseState.step(StepContext.UNGROUNDED, half, 0xC3);
    assertThat(half.minBytesToFinish()).isEqualTo(3);
  }

  @Test
  void escapesCostTwoBytes() throws Exception {
    String schema =
        """
        {"type":"string","pattern":"^\\"$"}""";
    // The pattern is one quote, written \" inside the string.
    ParseState s = initial(schema);
    assertThat(s.minBytesToFinish()).isEqualTo(4);
    assertThat(feed(s, "\"\\").minBytesToFinish()).isEqualTo(2);
  }

  @Test
  void agreesWithASearchOverBytesAlongRandomPrefixes() throws Exception {
    TestVocab vocab = TestVocab.jsonish(3);
    for (var e : HardSchemas.ALL.entrySet()) {
      JsonSchemaGrammar grammar = JsonSchemaGrammar.compile(JSON.readTree(e.getValue()));
      ConstraintFactory factory = new ConstraintFactory(grammar, vocab, new int[] {vocab.eos()});
      for (int seed = 0; seed < 2; seed++) {
        String text =
            RandomGeneration.run(
                vocab, factory.create(), RandomGeneration.Skew.MIXED, seed, 100_000);
        ParseState s = ParseState.initial(grammar.root());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i <= bytes.length; i += 11) {
          ParseState p = s;
          for (int j = 0; j < i; j++) {
            p = ParseState.step(StepContext.UNGROUNDED, p, bytes[j] & 0xFF);
          }
          assertThat(p.minBytesToFinish())
              .as("%s after %s", e.getKey(), new String(bytes, 0, i, StandardCharsets.UTF_8))
              .isEqualTo(searched(p));
        }
      }
    }
  }

  @Test
  void aTightBudgetStillEndsInAValidDocument() throws Exception {
    Map<String, DocumentSchema> schemas = new java.util.LinkedHashMap<>();
    SchemaCatalog catalog = SchemaCatalog.shipped();
    for (String id : catalog.ids()) {
      schemas.put(id, catalog.get(id));
    }
    for (var e : HardSchemas.ALL.entrySet()) {
      Path file = dir.resolve(e.getKey() + ".schema.json");
      Files.writeString(file, e.getValue());
      schemas.put(e.getKey(), SchemaCatalog.load(file));
    }
    TestVocab vocab = TestVocab.jsonish(7);
    int generations = 0;
    for (var e : schemas.entrySet()) {
      JsonSchemaGrammar grammar = JsonSchemaGrammar.compile(e.getValue());
      ConstraintFactory factory = new ConstraintFactory(grammar, vocab, new int[] {vocab.eos()});
      int distance = ParseState.initial(grammar.root()).minBytesToFinish();
      for (RandomGeneration.Skew skew : RandomGeneration.Skew.values()) {
        for (int seed = 0; seed < 5; seed++) {
          // distance + 1 is the least budget that always fits: single bytes, then eos.
          for (int budget : List.of(distance + 1, distance + 3, distance + 40)) {
            String text = RandomGeneration.run(vocab, factory.create(), skew, seed, budget, true);
            JsonNode doc = JSON.readTree(text);
            assertThat(e.getValue().validate(doc))
                .as("%s/%s/%d/%d: %s", e.getKey(), skew, seed, budget, text)
                .isEmpty();
            generations++;
          }
        }
      }
    }
    assertThat(generations).isEqualTo(schemas.size() * 4 * 5 * 3);
  }

  @Test
  void budgetDoesNotPolluteTheSharedCache() throws Exception {
    TestVocab vocab = TestVocab.jsonish(7);
    JsonSchemaGrammar grammar =
        JsonSchemaGrammar.compile(JSON.readTree(HardSchemas.ALL.get("nested")));
    ConstraintFactory factory = new ConstraintFactory(grammar, vocab, new int[] {vocab.eos()});
    String prefix = "{\"groups\":[{\"name\":\"ab";
    ParseState state = feed(ParseState.initial(grammar.root()), prefix);
    SchemaConstraint tight = fed(factory.create(), vocab, prefix);
    tight.budget(state.minBytesToFinish() + 1);
    float[] a = new float[vocab.size()];
    tight.mask(a);
    // The chosen token is checked against the budget; masking exactly refuses the same tokens.
    assertThat(tight.admits(vocab.id("x"))).isFalse();
    assertThat(tight.admits(vocab.id("\""))).isTrue();
    tight.maskExactly(a);
    float[] b = new float[vocab.size()];
    fed(factory.create(), vocab, prefix).mask(b);
    float[] c = new float[vocab.size()];
    SchemaConstraint roomy = fed(factory.create(), vocab, prefix);
    roomy.budget(10_000);
    roomy.mask(c);
    // Tight: only tokens that shorten the way out (a quote, say), never more letters.
    assertThat(count(a)).isPositive().isLessThan(count(b));
    assertThat(a[vocab.id("x")]).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(a[vocab.id("\"")]).isNotEqualTo(Float.NEGATIVE_INFINITY);
    // The plain mask, cached for the state, is unchanged by the tight call before it.
    assertThat(c).containsExactly(b);
    assertThat(b[vocab.id("x")]).isZero();
  }

  private static SchemaConstraint fed(SchemaConstraint c, TestVocab vocab, String text) {
    for (byte x : text.getBytes(StandardCharsets.UTF_8)) {
      c.accept(vocab.id(new byte[] {x}));
    }
    return c;
  }

  private static long count(float[] logits) {
    long n = 0;
    for (float l : logits) {
      n += l == Float.NEGATIVE_INFINITY ? 0 : 1;
    }
    return n;
  }
}
