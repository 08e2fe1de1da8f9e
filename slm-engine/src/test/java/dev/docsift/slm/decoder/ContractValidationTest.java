package dev.docsift.slm.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxJavaType;
import dev.docsift.errors.ErrorCode;
import dev.docsift.slm.decoder.DecoderContract.Signature;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractValidationTest {
  static final DecoderSpec SPEC =
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
          "attention_mask",
          "position_ids",
          "past_key_values.%d.key",
          "past_key_values.%d.value",
          "logits",
          "present.%d.key",
          "present.%d.value",
          null);

  static Map<String, Signature> inputs() {
    Map<String, Signature> in = new LinkedHashMap<>();
    in.put("inputs_embeds", new Signature(OnnxJavaType.FLOAT, new long[] {-1, -1, 64}));
    in.put("attention_mask", new Signature(OnnxJavaType.INT64, new long[] {-1, -1}));
    in.put("position_ids", new Signature(OnnxJavaType.INT64, new long[] {-1, -1}));
    for (int i = 0; i < 2; i++) {
      in.put("past_key_values." + i + ".key", kv(16));
      in.put("past_key_values." + i + ".value", kv(16));
    }
    return in;
  }

  static Map<String, Signature> outputs() {
    Map<String, Signature> out = new LinkedHashMap<>();
    out.put("logits", new Signature(OnnxJavaType.FLOAT, new long[] {-1, -1, 512}));
    for (int i = 0; i < 2; i++) {
      out.put("present." + i + ".key", kv(16));
      out.put("present." + i + ".value", kv(16));
    }
    return out;
  }

  static Signature kv(long headSize) {
    return new Signature(OnnxJavaType.FLOAT, new long[] {-1, 2, -1, headSize});
  }

  @Test
  void matchingGraphPasses() {
    assertThatCode(() -> validateDecoder(inputs(), outputs())).doesNotThrowAnyException();
  }

  @Test
  void missingPastAndWrongHeadSizeAreAllReported() {
    Map<String, Signature> in = inputs();
    in.remove("past_key_values.1.value");
    in.put("past_key_values.0.key", kv(32));
    assertMismatch(
        in,
        outputs(),
        "missing input past_key_values.1.value",
        "past_key_values.0.key has head size 32");
  }

  @Test
  void extraInputIsReported() {
    Map<String, Signature> in = inputs();
    in.put("past_key_values.2.key", kv(16));
    assertMismatch(in, outputs(), "unexpected input past_key_values.2.key");
  }

  @Test
  void wrongVocabularyOrKvHeadsOrTypes() {
    Map<String, Signature> out = outputs();
    out.put("logits", new Signature(OnnxJavaType.FLOAT, new long[] {1, -1, 320}));
    out.put("present.0.value", new Signature(OnnxJavaType.FLOAT, new long[] {1, 4, -1, 16}));
    Map<String, Signature> in = inputs();
    in.put("attention_mask", new Signature(OnnxJavaType.INT32, new long[] {-1, -1}));
    assertMismatch(
        in,
        out,
        "output logits has shape [1, -1, 320], pack.json says decoder.vocab_size is 512",
        "present.0.value",
        "attention_mask is INT32, not INT64");
  }

  @Test
  void renamedOutputsAreMissing() {
    Map<String, Signature> out = new LinkedHashMap<>();
    outputs().forEach((k, v) -> out.put(k.replace("present.", "present_key_values."), v));
    assertMismatch(inputs(), out, "missing output present.0.key", "missing output present.1.value");
  }

  @Test
  void embeddingGraph() throws Exception {
    Map<String, Signature> in =
        Map.of("input_ids", new Signature(OnnxJavaType.INT64, new long[] {-1, -1}));
    validateEmbedding(in, Map.of("x", new Signature(OnnxJavaType.FLOAT, new long[] {-1, -1, 64})));
    assertThatThrownBy(
            () ->
                validateEmbedding(
                    in,
                    Map.of(
                        "inputs_embeds",
                        new Signature(OnnxJavaType.FLOAT, new long[] {-1, -1, 1536}))))
        .isInstanceOf(DecoderException.class)
        .hasMessageContaining("embedding graph")
        .hasMessageContaining("decoder.hidden is 64");
  }

  private static void assertMismatch(
      Map<String, Signature> in, Map<String, Signature> out, String... fragments) {
    assertThatThrownBy(() -> validateDecoder(in, out))
        .isInstanceOfSatisfying(
            DecoderException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.DECODER_CONTRACT);
              assertThat(e.code().code()).isEqualTo("DS622");
              assertThat(e.getMessage()).startsWith("The decoder graph does not match pack.json");
              for (String f : fragments) {
                assertThat(e.getMessage()).contains(f);
              }
            });
  }

  private static void validateDecoder(Map<String, Signature> in, Map<String, Signature> out)
      throws DecoderException {
    DecoderSession.report("decoder graph", DecoderContract.decoderProblems(SPEC, in, out));
  }

  private static void validateEmbedding(Map<String, Signature> in, Map<String, Signature> out)
      throws DecoderException {
    DecoderSession.report("embedding graph", DecoderContract.embeddingProblems(SPEC, in, out));
  }
}
