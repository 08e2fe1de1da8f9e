package dev.docsift.slm.pack.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.errors.ErrorCode;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import dev.docsift.slm.constrain.ConstraintFactory;
import dev.docsift.slm.constrain.JsonSchemaGrammar;
import dev.docsift.slm.decoder.DecoderSession;
import dev.docsift.slm.decoder.GenerationConfig;
import dev.docsift.slm.decoder.GenerationHooks;
import dev.docsift.slm.decoder.GenerationResult;
import dev.docsift.slm.decoder.Generator;
import dev.docsift.slm.decoder.KvCache;
import dev.docsift.slm.decoder.RuntimeOptions;
import dev.docsift.slm.decoder.StopReason;
import dev.docsift.slm.fixtures.ReferenceValues;
import dev.docsift.slm.fixtures.TestFixtures;
import dev.docsift.slm.pack.ModelPack;
import dev.docsift.slm.pack.PackException;
import dev.docsift.slm.pack.PackManifest;
import dev.docsift.slm.pack.PackStore;
import dev.docsift.slm.prompt.ChatTemplate;
import dev.docsift.slm.prompt.PromptBuilder;
import dev.docsift.slm.tokenizer.HfTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A public text model's ONNX export, in the transformers.js / Optimum layout, becomes a pack that
 * runs: the tiny random-weight Qwen2 export of scripts/slm/make_text_export.py, checked against its
 * PyTorch reference.
 */
class TextModelImportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  static Path export() throws Exception {
    return TestFixtures.folder("tiny-qwen2-export");
  }

  private ModelPack importTiny(TextModelImport.Weights weights) throws Exception {
    return new PackStore(tmp.resolve("store"))
        .install(TextModelImport.plan(export(), null, weights), false);
  }

  @Test
  void theManifestComesFromTheModelsOwnConfigs() throws Exception {
    ModelPack pack = importTiny(null);
    PackManifest m = pack.manifest();
    assertThat(m.name()).isEqualTo("tiny-qwen2-export-q4");
    assertThat(m.family()).isEqualTo(PackManifest.Family.TEXT);
    assertThat(m.weightType()).isEqualTo(PackManifest.WeightType.INT4_BLOCK32);
    assertThat(m.file(PackManifest.DECODER).path()).isEqualTo("onnx/model_q4.onnx");
    // The weights moved out of the graph file, so that ONNX Runtime maps them.
    assertThat(m.file("decoder_data").path()).isEqualTo("onnx/model_q4.onnx_data");
    assertThat(Files.size(pack.folder().resolve("onnx/model_q4.onnx")))
        .isLessThan(Files.size(export().resolve("onnx/model_q4.onnx")) / 2);
    assertThat(m.file(PackManifest.EMBED_TOKENS)).isNull();
    assertThat(m.decoder().readsTokenIds()).isTrue();
    assertThat(m.decoder().layers()).isEqualTo(2);
    assertThat(m.decoder().kvHeads()).isEqualTo(2);
    assertThat(m.decoder().headSize()).isEqualTo(16);
    assertThat(m.decoder().maxContext()).isEqualTo(4096);
    try (HfTokenizer tokenizer = HfTokenizer.load(pack.paths().tokenizer())) {
      // generation_config's [<|im_end|>, <|endoftext|>], and the tokenizer's eos_token
      assertThat(m.tokens().eosIds())
          .containsExactly(tokenizer.tokenId("<|im_end|>"), tokenizer.tokenId("<|endoftext|>"));
      assertThat(m.tokens().padId()).isEqualTo(tokenizer.tokenId("<|endoftext|>"));
    }
    assertThat(m.tokens().bosId()).isNull();
    JsonNode config = JSON.readTree(export().resolve("tokenizer_config.json").toFile());
    assertThat(m.chatTemplate())
        .isEqualTo(
            new ChatTemplate(config.get("chat_template").asText(), null, "<|im_end|>")
                .queryTemplate());
    assertThat(pack.verify()).isEmpty();
    assertThat(Files.exists(pack.folder().resolve("onnx/model.onnx"))).isFalse();
  }

  @Test
  void fp32LogitsAndGreedyTokensEqualPyTorch() throws Exception {
    ModelPack pack = importTiny(TextModelImport.Weights.FP32);
    JsonNode reference = JSON.readTree(export().resolve("reference.json").toFile());
    double tolerance = reference.get("logits_abs_tolerance").asDouble();
    int newTokens = reference.get("new_tokens").asInt();
    try (DecoderSession session = open(pack)) {
      for (JsonNode p : reference.get("prompts")) {
        int[] ids = ReferenceValues.ints(p.get("input_ids"));
        float[] logits;
        try (KvCache cache = session.newCache()) {
          logits = session.run(ids, cache).logits();
        }
        assertThat(
                ReferenceValues.maxAbsDiff(
                    logits, ReferenceValues.floats(p.get("last_prefill_logits"))))
            .as(p.get("text").asText())
            .isLessThan((float) tolerance);
        GenerationResult greedy =
            new Generator(session).generate(ids, GenerationConfig.greedy(newTokens, List.of()));
        assertThat(greedy.tokenIds()).containsExactly(ReferenceValues.ints(p.get("greedy_ids")));
      }
    }
  }

  @Test
  void q4StaysNearTheFloatModelAndChunkedPrefillEqualsOneRun() throws Exception {
    ModelPack pack = importTiny(TextModelImport.Weights.Q4);
    JsonNode p = JSON.readTree(export().resolve("reference.json").toFile()).get("prompts").get(1);
    int[] ids = ReferenceValues.ints(p.get("input_ids"));
    try (DecoderSession session = open(pack);
        KvCache whole = session.newCache();
        KvCache chunked = session.newCache()) {
      float[] once = session.run(ids, whole).logits();
      float[] reference = ReferenceValues.floats(p.get("last_prefill_logits"));
      float scale = 0;
      for (float v : reference) {
        scale = Math.max(scale, Math.abs(v));
      }
      // int4 weights (block 32) and int8 activations on random toy weights: observed 4.3 of 52
      assertThat(ReferenceValues.maxAbsDiff(once, reference) / scale).isLessThan(0.15f);
      float[] inChunks = session.prefill(ids, chunked).logits();
      assertThat(ReferenceValues.maxAbsDiff(inChunks, once)).isLessThan(1e-4f);
      assertThat(chunked.length()).isEqualTo(ids.length);
    }
  }

  @Test
  void everySampledDocumentIsValidForTheSchema() throws Exception {
    ModelPack pack = importTiny(TextModelImport.Weights.Q4);
    DocumentSchema schema = SchemaCatalog.shipped().get("receipt");
    PackManifest m = pack.manifest();
    int[] eos = m.tokens().eosIds().stream().mapToInt(Integer::intValue).toArray();
    List<String> failures = new ArrayList<>();
    try (HfTokenizer tokenizer = HfTokenizer.load(pack.paths().tokenizer());
        DecoderSession session = open(pack)) {
      ConstraintFactory factory =
          new ConstraintFactory(JsonSchemaGrammar.compile(schema), tokenizer, eos);
      int[] prompt =
          new PromptBuilder(tokenizer, m.chatTemplate(), null, null)
              .build(List.of(), "Extract the receipt as JSON.", "TOTAL 9,90 EUR", 2048)
              .ids();
      for (int seed = 0; seed < 8; seed++) {
        GenerationConfig config =
            new GenerationConfig(300, m.tokens().stopIds(), 1.0f, 0, 0.95f, seed);
        GenerationResult r =
            new Generator(session)
                .generate(prompt, config, GenerationHooks.NONE.withConstraint(factory.create()));
        if (r.stopReason() != StopReason.CONSTRAINT_COMPLETE) {
          failures.add(seed + ": stopped " + r.stopReason());
          continue;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int id : r.tokenIds()) {
          bytes.writeBytes(tokenizer.bytes(id));
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        List<String> errors = schema.validate(JSON.readTree(text));
        if (!errors.isEmpty()) {
          failures.add(seed + ": " + errors + " in " + text);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void aFolderThatIsNoExportIsRefusedByName() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertNotImportable(empty, null, "it has no config.json");

    Path noGraph = copyExport("no-graph", "onnx/model.onnx", "onnx/model_q4.onnx");
    assertNotImportable(noGraph, null, "no onnx/model*.onnx graph");
    assertNotImportable(export(), TextModelImport.Weights.FP16, "no fp16 graph (model_fp16.onnx)");

    Path noTemplate = copyExport("no-template");
    ObjectNode config =
        (ObjectNode) JSON.readTree(noTemplate.resolve("tokenizer_config.json").toFile());
    config.remove("chat_template");
    JSON.writeValue(noTemplate.resolve("tokenizer_config.json").toFile(), config);
    assertNotImportable(noTemplate, null, "no chat template");

    assertThatThrownBy(() -> TextModelImport.plan(tmp.resolve("absent"), null, null))
        .isInstanceOfSatisfying(
            PackException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_NOT_FOUND));
  }

  @Test
  void anInternVlSafetensorsReleaseIsRefusedWithTheConverterToRun() throws Exception {
    // The layout of H2OVL-Mississippi-0.8B's release (make_random_internvl_checkpoint.py writes
    // one): config.json of an H2OVLChatModel, safetensors weights, the tokenizer files.
    Path release = copyExport("H2OVL-Mississippi-800M", "onnx/model.onnx", "onnx/model_q4.onnx");
    ObjectNode config = JSON.createObjectNode().put("model_type", "h2ovl_chat");
    config.putArray("architectures").add("H2OVLChatModel");
    config.put("template", "h2ogpt2");
    JSON.writeValue(release.resolve("config.json").toFile(), config);
    Files.write(release.resolve("model.safetensors"), new byte[16]);
    assertNotImportable(
        release, null, "scripts/vision/convert_internvl.py --in " + release + " --out PACKDIR");

    config.put("model_type", "internvl_chat").putArray("architectures").add("InternVLChatModel");
    JSON.writeValue(release.resolve("config.json").toFile(), config);
    assertNotImportable(release, TextModelImport.Weights.Q4, "docsift models install PACKDIR");
  }

  @Test
  void configsThatDisagreeWithTheGraphInstallNothing() throws Exception {
    Path wrong = copyExport("wrong-layers");
    ObjectNode config = (ObjectNode) JSON.readTree(wrong.resolve("config.json").toFile());
    config.put("num_hidden_layers", 3);
    JSON.writeValue(wrong.resolve("config.json").toFile(), config);
    PackStore store = new PackStore(tmp.resolve("store"));
    assertThatThrownBy(() -> store.install(TextModelImport.plan(wrong, "wrong", null), false))
        .isInstanceOfSatisfying(
            PackException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MODEL_GRAPH_MISMATCH);
              assertThat(e.getMessage()).contains("decoder.layers is 3");
            });
    assertThat(store.list()).isEmpty();
  }

  private void assertNotImportable(Path folder, TextModelImport.Weights w, String why) {
    assertThatThrownBy(() -> TextModelImport.plan(folder, null, w))
        .isInstanceOfSatisfying(
            PackException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MODEL_NOT_IMPORTABLE);
              assertThat(e.code().code()).isEqualTo("DS610");
              assertThat(e.getMessage()).contains(why);
            });
  }

  private Path copyExport(String name, String... leaveOut) throws Exception {
    Path to = tmp.resolve(name);
    Path from = export();
    List<String> skipped = List.of(leaveOut);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String rel = from.relativize(f).toString().replace('\\', '/');
        if (!skipped.contains(rel)) {
          Files.createDirectories(to.resolve(rel).getParent());
          Files.copy(f, to.resolve(rel));
        }
      }
    }
    return to;
  }

  private static DecoderSession open(ModelPack pack) throws Exception {
    return DecoderSession.open(
        null, pack.paths().decoder(), pack.manifest().decoder(), RuntimeOptions.cpu());
  }
}
