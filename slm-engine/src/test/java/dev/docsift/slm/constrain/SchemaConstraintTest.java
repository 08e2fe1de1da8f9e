package dev.docsift.slm.constrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaConstraintTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** All single bytes plus a few multi-byte tokens. */
  private static TestVocab bytesVocab(String... extra) {
    List<byte[]> tokens = new ArrayList<>();
    for (int b = 0; b < 256; b++) {
      tokens.add(new byte[] {(byte) b});
    }
    for (String e : extra) {
      tokens.add(e.getBytes(StandardCharsets.ISO_8859_1));
    }
    return TestVocab.of(tokens);
  }

  private static SchemaConstraint constraint(TestVocab vocab, String schema) throws Exception {
    return new SchemaConstraint(
        JsonSchemaGrammar.compile(JSON.readTree(schema)), vocab, new int[] {vocab.eos()});
  }

  private static boolean allowed(SchemaConstraint c, TestVocab vocab, int id) {
    float[] logits = new float[vocab.size()];
    c.mask(logits);
    return logits[id] != Float.NEGATIVE_INFINITY;
  }

  private static void feed(SchemaConstraint c, TestVocab vocab, String latin1Bytes) {
    c.accept(vocab.id(latin1Bytes.getBytes(StandardCharsets.ISO_8859_1)));
  }

  private static final String ONE_STRING =
      """
      {"type":"object","required":["a"],"properties":{"a":{"type":"string","maxLength":3}}}""";

  @Test
  void logitsPastTheTokenizersVocabularyAreNeverAllowed() throws Exception {
    TestVocab vocab = bytesVocab();
    SchemaConstraint c = constraint(vocab, ONE_STRING);
    float[] logits = new float[vocab.size() + 7]; // a model's padded embedding rows
    logits[vocab.size() + 3] = 100f;
    c.mask(logits);
    for (int id = vocab.size(); id < logits.length; id++) {
      assertThat(logits[id]).isEqualTo(Float.NEGATIVE_INFINITY);
    }
    assertThat(logits['{']).isEqualTo(0f);
  }

  @Test
  void utf8CharactersMaySplitAcrossTokens() throws Exception {
    // The € sign is E2 82 AC; tokens "\xE2\x82" and "\xAC\"}" split it.
    TestVocab vocab = bytesVocab("{\"a\":\"", "\u00E2\u0082", "\u00AC\"}");
    SchemaConstraint c = constraint(vocab, ONE_STRING);
    feed(c, vocab, "{\"a\":\"");
    feed(c, vocab, "\u00E2\u0082");
    // Mid-character: only the continuation bytes 80-BF may come, not a quote or ASCII.
    assertThat(allowed(c, vocab, vocab.id(new byte[] {'"'}))).isFalse();
    assertThat(allowed(c, vocab, vocab.id(new byte[] {'x'}))).isFalse();
    assertThat(allowed(c, vocab, vocab.id(new byte[] {(byte) 0xAC}))).isTrue();
    assertThat(allowed(c, vocab, vocab.eos())).isFalse();
    feed(c, vocab, "\u00AC\"}");
    assertThat(c.isComplete()).isTrue();
    assertThat(allowed(c, vocab, vocab.eos())).isTrue();
  }

  @Test
  void leadBytesMustBeginACharacterThePatternAllows() throws Exception {
    TestVocab vocab = bytesVocab();
    SchemaConstraint ascii =
        constraint(
            vocab,
            "{\"type\":\"object\",\"required\":[\"a\"],\"properties\":{\"a\":{\"type\":\"string\",\"pattern\":\"^[A-Z]{3}$\"}}}");
    for (char ch : "{\"a\":\"".toCharArray()) {
      ascii.accept(ch);
    }
    assertThat(allowed(ascii, vocab, 0xC3)).isFalse();
    assertThat(allowed(ascii, vocab, 'Q')).isTrue();
    assertThat(allowed(ascii, vocab, 'q')).isFalse();

    SchemaConstraint euro =
        constraint(
            vocab,
            "{\"type\":\"object\",\"required\":[\"a\"],\"properties\":{\"a\":{\"type\":\"string\",\"pattern\":\"^€$\"}}}");
    for (char ch : "{\"a\":\"".toCharArray()) {
      euro.accept(ch);
    }
    assertThat(allowed(euro, vocab, 0xE2)).isTrue();
    assertThat(allowed(euro, vocab, 0xC3)).isFalse();
    euro.accept(0xE2);
    assertThat(allowed(euro, vocab, 0x82)).isTrue();
    assertThat(allowed(euro, vocab, 0x83)).isFalse();
  }

  @Test
  void invalidUtf8IsNeverAllowed() throws Exception {
    TestVocab vocab = bytesVocab();
    SchemaConstraint c = constraint(vocab, ONE_STRING);
    for (char ch : "{\"a\":\"".toCharArray()) {
      c.accept(ch);
    }
    for (int b : new int[] {0x80, 0xBF, 0xC0, 0xC1, 0xF5, 0xFF, 0x01, 0x1F}) {
      assertThat(allowed(c, vocab, b)).as("byte %02X", b).isFalse();
    }
    c.accept(0xED); // surrogates (ED A0-BF) must not follow
    assertThat(allowed(c, vocab, 0xA0)).isFalse();
    assertThat(allowed(c, vocab, 0x9F)).isTrue();
  }

  @Test
  void acceptRejectsADisallowedTokenAndKeepsItsState() throws Exception {
    TestVocab vocab = bytesVocab("{\"a\":\"", "}");
    SchemaConstraint c = constraint(vocab, ONE_STRING);
    assertThatThrownBy(() -> c.accept('}')).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.accept(vocab.bos())).isInstanceOf(IllegalArgumentException.class);
    feed(c, vocab, "{\"a\":\"");
    for (char ch : "abc".toCharArray()) {
      c.accept(ch);
    }
    // maxLength 3 reached: a fourth character is refused, closing still works.
    assertThatThrownBy(() -> c.accept('d')).isInstanceOf(IllegalArgumentException.class);
    c.accept('"');
    c.accept('}');
    assertThat(c.isComplete()).isTrue();
    assertThatThrownBy(() -> c.accept(' ')).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eosOnlyOnceComplete() throws Exception {
    TestVocab vocab = bytesVocab();
    SchemaConstraint c =
        constraint(vocab, "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\"}}}");
    assertThat(allowed(c, vocab, vocab.eos())).isFalse();
    assertThat(allowed(c, vocab, vocab.bos())).isFalse();
    assertThatThrownBy(() -> c.accept(vocab.eos())).isInstanceOf(IllegalArgumentException.class);
    for (char ch : "{\"n\":12".toCharArray()) {
      c.accept(ch);
      assertThat(c.isComplete()).isFalse();
      assertThat(allowed(c, vocab, vocab.eos())).isFalse();
    }
    c.accept('}');
    assertThat(c.isComplete()).isTrue();
    assertThat(allowed(c, vocab, vocab.eos())).isTrue();
    assertThat(allowed(c, vocab, vocab.bos())).isFalse();
    c.accept(vocab.eos());
    assertThat(c.isComplete()).isTrue();
  }

  @Test
  void requiredPropertiesCannotBeSkippedAndOrderIsDeclared() throws Exception {
    TestVocab vocab = bytesVocab("{\"b\":", "{\"a\":", "{}");
    String schema =
        "{\"type\":\"object\",\"required\":[\"b\"],\"properties\":{"
            + "\"a\":{\"type\":\"integer\"},\"b\":{\"type\":\"integer\"},\"c\":{\"type\":\"integer\"}}}";
    SchemaConstraint c = constraint(vocab, schema);
    assertThat(allowed(c, vocab, vocab.id("{}"))).isFalse();
    assertThat(allowed(c, vocab, vocab.id("{\"a\":"))).isTrue();
    feed(c, vocab, "{\"b\":");
    c.accept('1');
    assertThat(allowed(c, vocab, '}')).isTrue();
    c.accept(',');
    // "a" is declared before "b": it can no longer come.
    c.accept('"');
    assertThat(allowed(c, vocab, 'a')).isFalse();
    assertThat(allowed(c, vocab, 'c')).isTrue();
  }

  @Test
  void unsupportedSchemasAreRefused() throws Exception {
    for (String schema :
        List.of(
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"format\":\"email\"}}}",
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\",\"minimum\":3}}}",
            "{\"type\":\"object\",\"properties\":{\"a\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"string\",\"maxLength\":2}]}}}",
            "{\"$defs\":{\"n\":{\"type\":\"object\",\"properties\":{\"n\":{\"$ref\":\"#/$defs/n\"}}}},\"$ref\":\"#/$defs/n\"}")) {
      JsonNode json = JSON.readTree(schema);
      assertThatThrownBy(() -> JsonSchemaGrammar.compile(json))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
