package dev.docsift.slm.constrain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import org.junit.jupiter.api.Test;

class GroundingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PAGE =
      "CAFÉ MÜLLER\nHauptstraße 5, 10115 Berlin\nDate 2024-03-05 14:22\n"
          + "Espresso 2.50\nCroissant \"au beurre\" 3.10\nTOTAL 5.60 EUR\r\nDanke!";

  @Test
  void automatonAcceptsExactlyTheSubstrings() {
    Grounding g = Grounding.of("abcbc é");
    assertThat(g.contains("bcb")).isTrue();
    assertThat(g.contains("c é")).isTrue();
    assertThat(g.contains("")).isTrue();
    assertThat(g.contains("cc")).isFalse();
    assertThat(g.contains("abcbc é!")).isFalse();
    assertThat(Grounding.of("a\rb").contains("a\rb")).isFalse();
  }

  @Test
  void groundedStringsAreSubstringsOfTheSource() throws Exception {
    DocumentSchema receipt = SchemaCatalog.shipped().get("receipt");
    TestVocab vocab = TestVocab.jsonish(11);
    ConstraintFactory factory =
        new ConstraintFactory(JsonSchemaGrammar.compile(receipt), vocab, new int[] {vocab.eos()});
    Grounding grounding = Grounding.of(PAGE);
    int values = 0;
    for (RandomGeneration.Skew skew : RandomGeneration.Skew.values()) {
      for (int seed = 0; seed < 15; seed++) {
        String text = RandomGeneration.run(vocab, factory.create(grounding), skew, seed, 200_000);
        JsonNode doc = JSON.readTree(text);
        assertThat(receipt.validate(doc)).as(text).isEmpty();
        for (String field : new String[] {"company", "address"}) {
          JsonNode v = doc.path(field);
          if (v.isTextual()) {
            assertThat(PAGE).as(text).contains(v.asText());
            values++;
          }
        }
        for (JsonNode item : doc.path("items")) {
          assertThat(PAGE).as(text).contains(item.path("description").asText());
          values++;
        }
      }
    }
    assertThat(values).isGreaterThan(20);
  }

  @Test
  void minLengthBeyondTheTextFallsBackToUngrounded() throws Exception {
    TestVocab vocab = TestVocab.jsonish(3);
    JsonNode schema =
        JSON.readTree(
            "{\"type\":\"object\",\"required\":[\"a\"],\"properties\":{\"a\":{\"type\":\"string\",\"minLength\":9,\"maxLength\":12}}}");
    ConstraintFactory factory =
        new ConstraintFactory(JsonSchemaGrammar.compile(schema), vocab, new int[] {vocab.eos()});
    String text =
        RandomGeneration.run(
            vocab, factory.create(Grounding.of("short")), RandomGeneration.Skew.MIXED, 1, 10_000);
    assertThat(JSON.readTree(text).path("a").asText()).hasSizeBetween(9, 12);
  }
}
