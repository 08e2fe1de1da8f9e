package dev.docsift.core.slm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.errors.ErrorCode;
import dev.docsift.slm.fixtures.TestFixtures;
import dev.docsift.slm.pack.ModelPack;
import dev.docsift.slm.pack.PackException;
import dev.docsift.slm.pack.PackManifest;
import dev.docsift.slm.pack.PackStore;
import dev.docsift.slm.pack.importer.Idefics3ModelImport;
import dev.docsift.slm.pack.importer.ModelImport;
import dev.docsift.slm.tokenizer.HfTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Idefics3 model in the layout of SmolVLM's public ONNX export becomes an {@code idefics3} pack:
 * the tiny random export of scripts/vision/make_idefics3_export.py.
 */
class Idefics3ImportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private ModelPack importFrom(Path folder) throws Exception {
    return new PackStore(tmp.resolve("store")).install(ModelImport.plan(folder, null, null), false);
  }

  @Test
  void theManifestComesFromTheConfigs() throws Exception {
    Path export = TinyIdefics3.export();
    ModelImport plan = ModelImport.plan(export, null, null);
    assertThat(plan).isInstanceOf(Idefics3ModelImport.class);
    ModelPack pack = importFrom(export);
    PackManifest m = pack.manifest();
    assertThat(m.name()).isEqualTo("tiny-idefics3-export-fp32");
    assertThat(m.family()).isEqualTo(PackManifest.Family.IDEFICS3);
    assertThat(m.weightType()).isEqualTo(PackManifest.WeightType.FP32);
    assertThat(m.file(PackManifest.DECODER).path()).isEqualTo("onnx/decoder_model_merged.onnx");
    assertThat(m.file("decoder_data").path()).isEqualTo("onnx/decoder_model_merged.onnx_data");
    assertThat(m.file(PackManifest.EMBED_TOKENS).path()).isEqualTo("onnx/embed_tokens.onnx");
    assertThat(m.file(PackManifest.VISION_ENCODER).path()).isEqualTo("onnx/vision_encoder.onnx");
    assertThat(m.decoder().readsTokenIds()).isFalse();
    assertThat(m.decoder().hidden()).isEqualTo(64);
    assertThat(m.decoder().vocabSize()).isEqualTo(576);
    assertThat(m.decoder().layers()).isEqualTo(2);
    assertThat(m.decoder().kvHeads()).isEqualTo(2);
    assertThat(m.decoder().headSize()).isEqualTo(16);
    assertThat(m.decoder().maxContext()).isEqualTo(4096);
    PackManifest.ImageSpec image = m.image();
    assertThat(image.tileSize()).isEqualTo(64);
    assertThat(image.longestEdge()).isEqualTo(128);
    assertThat(image.imageSplitting()).isTrue();
    assertThat(image.tokensPerTile()).isEqualTo(16);
    assertThat(image.resize()).isEqualTo("lanczos3");
    assertThat(image.imageContext()).isEqualTo("<image>");
    assertThat(image.imageStart()).isEqualTo("<fake_token_around_image>");
    assertThat(image.globalImage()).isEqualTo("<global-img>");
    assertThat(image.mean()).containsExactly(0.5, 0.5, 0.5);
    assertThat(m.chatTemplate())
        .isEqualTo("<|im_start|>User:{query}<end_of_utterance>\nAssistant:");
    try (HfTokenizer tokenizer = HfTokenizer.load(pack.paths().tokenizer())) {
      assertThat(m.tokens().eosIds()).containsExactly(tokenizer.tokenId("<end_of_utterance>"));
    }
    assertThat(m.tokens().bosId()).isNull();
    assertThat(pack.verify()).isEmpty();
  }

  @Test
  void aFolderWithoutTheVisionGraphIsRefusedNamingIt() throws Exception {
    Path copy = TestFixtures.copy(TinyIdefics3.EXPORT, tmp.resolve("no-vision"));
    Files.delete(copy.resolve("onnx/vision_encoder.onnx"));
    assertThatThrownBy(() -> ModelImport.plan(copy, null, null))
        .isInstanceOfSatisfying(
            PackException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_NOT_IMPORTABLE))
        .hasMessageContaining("onnx/vision_encoder.onnx");
  }

  @Test
  void aFolderWithoutThePreprocessorConfigIsRefusedNamingIt() throws Exception {
    Path copy = TestFixtures.copy(TinyIdefics3.EXPORT, tmp.resolve("no-pre"));
    Files.delete(copy.resolve("preprocessor_config.json"));
    assertThatThrownBy(() -> ModelImport.plan(copy, null, null))
        .isInstanceOfSatisfying(
            PackException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_NOT_IMPORTABLE))
        .hasMessageContaining("preprocessor_config.json");
  }

  @Test
  void anImageSeqLenThatDisagreesWithTheVisionConfigIsRefused() throws Exception {
    Path copy = TestFixtures.copy(TinyIdefics3.EXPORT, tmp.resolve("seq"));
    ObjectNode processor =
        (ObjectNode) JSON.readTree(copy.resolve("processor_config.json").toFile());
    processor.put("image_seq_len", 64);
    Files.writeString(copy.resolve("processor_config.json"), processor.toString());
    assertThatThrownBy(() -> ModelImport.plan(copy, null, null))
        .isInstanceOfSatisfying(
            PackException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_NOT_IMPORTABLE))
        .hasMessageContaining("image_seq_len (64)");
  }

  @Test
  void theTemplateMayComeFromTheProcessorsChatTemplateJson() throws Exception {
    Path copy = TestFixtures.copy(TinyIdefics3.EXPORT, tmp.resolve("processor-template"));
    ObjectNode config = (ObjectNode) JSON.readTree(copy.resolve("tokenizer_config.json").toFile());
    String template = config.remove("chat_template").asText();
    Files.writeString(copy.resolve("tokenizer_config.json"), config.toString());
    assertThatThrownBy(() -> ModelImport.plan(copy, null, null))
        .isInstanceOfSatisfying(
            PackException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_NOT_IMPORTABLE))
        .hasMessageContaining("chat_template.json");
    Files.writeString(
        copy.resolve("chat_template.json"),
        JSON.createObjectNode().put("chat_template", template).toString());
    assertThat(importFrom(copy).manifest().chatTemplate())
        .isEqualTo("<|im_start|>User:{query}<end_of_utterance>\nAssistant:");
  }
}
