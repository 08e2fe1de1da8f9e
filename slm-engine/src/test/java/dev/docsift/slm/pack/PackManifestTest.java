package dev.docsift.slm.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.errors.ErrorCode;
import dev.docsift.slm.pack.PackManifest.Family;
import dev.docsift.slm.pack.PackManifest.WeightType;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackManifestTest {
  private static PackManifest parse(Consumer<ObjectNode> edit) throws PackException {
    ObjectNode m = FakePacks.manifest("tiny");
    edit.accept(m);
    return PackManifest.parse(m.toString());
  }

  private static void assertInvalid(Consumer<ObjectNode> edit, String... fragments) {
    assertThatThrownBy(() -> parse(edit))
        .isInstanceOfSatisfying(
            PackException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MODEL_INVALID);
              assertThat(e.code().code()).isEqualTo("DS602");
              assertThat(e.getMessage()).contains(fragments).endsWith(".");
            });
  }

  private static ObjectNode obj(ObjectNode m, String field) {
    return (ObjectNode) m.get(field);
  }

  /** Makes the manifest one of a vision family with a vision encoder file; returns it. */
  private static ObjectNode withEncoder(ObjectNode m, String family) {
    m.put("family", family);
    obj(m, "files").putObject("vision_encoder").put("path", "v.onnx").put("sha256", "0".repeat(64));
    return m;
  }

  @Test
  void parsesEveryField() throws PackException {
    PackManifest m = parse(x -> {});
    assertThat(m.name()).isEqualTo("tiny");
    assertThat(m.family()).isEqualTo(Family.TEXT);
    assertThat(m.weightType()).isEqualTo(WeightType.INT4_BLOCK32);
    assertThat(m.file(PackManifest.TOKENIZER).path()).isEqualTo("tok/tokenizer.json");
    assertThat(m.tokens().bosId()).isNull();
    assertThat(m.tokens().eosIds()).containsExactly(2);
    assertThat(m.tokens().padId()).isZero();
    assertThat(m.decoder().kvHeads()).isEqualTo(2);
    assertThat(m.decoder().pastKey(1)).isEqualTo("past_key_values.1.key");
    assertThat(m.decoder().presentValue(0)).isEqualTo("present.0.value");
    assertThat(m.image()).isNull();
    assertThat(m.license()).isEqualTo("Apache-2.0");
  }

  @Test
  void parsesAVisionPackWithImageSettings() throws PackException {
    PackManifest m =
        parse(
            x -> {
              x.put("family", "internvl");
              obj(x, "files")
                  .putObject("vision_encoder")
                  .put("path", "vision.onnx")
                  .put("sha256", "A".repeat(64));
              ObjectNode image = x.putObject("image");
              image.put("tile_size", 448).put("min_tiles", 1).put("max_tiles", 6);
              image.put("thumbnail", true);
              image.putArray("mean").add(0.485).add(0.456).add(0.406);
              image.putArray("std").add(0.229).add(0.224).add(0.225);
              image.put("resize", "bicubic").put("tokens_per_tile", 256);
              image.put("image_start", "<img>").put("image_context", "<IMG_CONTEXT>");
              image.put("image_end", "</img>");
              obj(x, "tokens").put("bos_id", 1);
            });
    assertThat(m.family()).isEqualTo(Family.INTERNVL);
    assertThat(m.image().maxTiles()).isEqualTo(6);
    assertThat(m.image().mean()).containsExactly(0.485, 0.456, 0.406);
    assertThat(m.image().imageContext()).isEqualTo("<IMG_CONTEXT>");
    assertThat(m.image().msac()).isFalse();
    assertThat(m.file(PackManifest.VISION_ENCODER).sha256()).isEqualTo("a".repeat(64));
    assertThat(m.tokens().bosId()).isEqualTo(1);
  }

  @Test
  void namesAMissingField() {
    assertInvalid(x -> obj(x, "decoder").remove("hidden"), "decoder.hidden is missing");
    assertInvalid(x -> x.remove("chat_template"), "chat_template is missing");
    assertInvalid(x -> obj(x, "tokens").remove("stop_ids"), "tokens.stop_ids is missing");
    assertInvalid(x -> obj(x, "files").remove("tokenizer"), "files.tokenizer is missing");
  }

  @Test
  void namesAFieldOfTheWrongType() {
    assertInvalid(x -> obj(x, "decoder").put("hidden", "64"), "decoder.hidden", "whole number");
    assertInvalid(x -> obj(x, "decoder").put("layers", 0), "decoder.layers", "positive");
    assertInvalid(x -> x.put("name", 7), "name must be a non-empty string");
    assertInvalid(x -> x.put("files", "all"), "files must be an object");
    assertInvalid(x -> obj(x, "tokens").putArray("eos_ids").add("two"), "tokens.eos_ids");
  }

  @Test
  void refusesUnknownFamilyAndWeightType() {
    assertInvalid(x -> x.put("family", "llava"), "family \"llava\" is unknown");
    assertInvalid(x -> x.put("weight_type", "int3"), "weight_type \"int3\" is unknown");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"../decoder.onnx", "a/../../b", "/etc/passwd", "C:/x.onnx", "a\\b", "a//b"})
  void refusesPathsThatLeaveThePack(String path) {
    assertInvalid(
        x -> ((ObjectNode) obj(x, "files").get("decoder")).put("path", path),
        "files.decoder.path",
        "must stay inside the pack");
  }

  @Test
  void refusesABadHash() {
    assertInvalid(
        x -> ((ObjectNode) obj(x, "files").get("decoder")).put("sha256", "abc"),
        "files.decoder.sha256 must be 64 hex digits");
  }

  @Test
  void refusesOtherFormatsAndBrokenJson() {
    assertInvalid(x -> x.put("format", 2), "format 2");
    assertThatThrownBy(() -> PackManifest.parse("{\"format\": 1,"))
        .isInstanceOfSatisfying(
            PackException.class,
            e -> assertThat(e.getMessage()).contains("not valid JSON", "line 1"));
  }

  @Test
  void refusesInconsistentDecoderSettings() {
    assertInvalid(x -> obj(x, "decoder").put("past_key", "past.key"), "decoder.past_key", "%d");
    assertInvalid(x -> obj(x, "decoder").put("past_key", "past.%d.%s"), "decoder.past_key");
    assertInvalid(x -> obj(x, "decoder").put("kv_heads", 3), "attention_heads (4)", "kv_heads (3)");
    assertInvalid(x -> x.put("chat_template", "no query"), "chat_template must contain {query}");
  }

  @Test
  void readsASharedKvCacheDecoder() throws PackException {
    PackManifest m =
        parse(
            x -> {
              ObjectNode d = obj(x, "decoder");
              d.remove("attention_mask");
              d.put("seqlens_k", "seqlens_k").put("total_sequence_length", "total_len");
            });
    assertThat(m.decoder().sharesKv()).isTrue();
    assertThat(m.decoder().attentionMask()).isNull();
    assertThat(m.decoder().sharedKv().totalSequenceLength()).isEqualTo("total_len");
    assertThat(parse(x -> {}).decoder().sharesKv()).isFalse();
    assertInvalid(x -> obj(x, "decoder").put("seqlens_k", "seqlens_k"), "go together");
    assertInvalid(
        x -> obj(x, "decoder").put("seqlens_k", "s").put("total_sequence_length", "t"),
        "takes no decoder.attention_mask");
  }

  @Test
  void visionFamiliesNeedAnEncoderAndImageSettings() {
    assertInvalid(x -> x.put("family", "idefics3"), "files.vision_encoder is missing");
    assertInvalid(x -> withEncoder(x, "idefics3"), "image is missing");
  }

  @Test
  void parsesIdefics3ImageSettings() throws PackException {
    Consumer<ObjectNode> idefics3 =
        x -> {
          ObjectNode image = withEncoder(x, "idefics3").putObject("image");
          image.put("tile_size", 512).put("longest_edge", 2048).put("image_splitting", true);
          image.putArray("mean").add(0.5).add(0.5).add(0.5);
          image.putArray("std").add(0.5).add(0.5).add(0.5);
          image.put("resize", "lanczos3").put("tokens_per_tile", 64);
          image.put("image_start", "<fake_token_around_image>").put("image_context", "<image>");
          image.put("image_end", "<fake_token_around_image>").put("global_image", "<global-img>");
        };
    PackManifest m = parse(idefics3);
    assertThat(m.family()).isEqualTo(Family.IDEFICS3);
    assertThat(m.image().longestEdge()).isEqualTo(2048);
    assertThat(m.image().imageSplitting()).isTrue();
    assertThat(m.image().globalImage()).isEqualTo("<global-img>");
    assertThat(m.image().maxTiles()).isEqualTo(16);
    assertThat(m.image().thumbnail()).isTrue();
    assertInvalid(
        idefics3.andThen(x -> obj(x, "image").remove("global_image")),
        "image.global_image is missing");
    assertInvalid(
        idefics3.andThen(x -> obj(x, "image").put("longest_edge", 256)),
        "image.longest_edge (256) must not be below image.tile_size");
    assertInvalid(
        idefics3.andThen(x -> obj(x, "image").put("image_splitting", "yes")),
        "image.image_splitting must be true or false");
    PackManifest single =
        parse(idefics3.andThen(x -> obj(x, "image").put("image_splitting", false)));
    assertThat(single.image().maxTiles()).isEqualTo(1);
  }

  @Test
  void refusesBadImageSettings() throws PackException {
    Consumer<ObjectNode> vision =
        x -> {
          ObjectNode image = withEncoder(x, "internvl").putObject("image");
          image.put("tile_size", 448).put("min_tiles", 1).put("max_tiles", 6);
          image.put("thumbnail", true);
          image.putArray("mean").add(0.5).add(0.5).add(0.5);
          image.putArray("std").add(0.5).add(0.5);
          image.put("resize", "bicubic").put("tokens_per_tile", 256);
          image.put("image_start", "<img>").put("image_context", "<C>").put("image_end", "</img>");
        };
    assertInvalid(vision, "image.std must be an array of three numbers");
    assertInvalid(
        vision.andThen(
            x -> {
              obj(x, "image").putArray("std").add(0.5).add(0.5).add(0.5);
              obj(x, "image").put("max_tiles", 0);
            }),
        "image.max_tiles");
    Consumer<ObjectNode> valid =
        vision.andThen(x -> obj(x, "image").putArray("std").add(0.5).add(0.5).add(0.5));
    assertThat(parse(valid.andThen(x -> obj(x, "image").put("msac", true))).image().msac())
        .isTrue();
    assertInvalid(
        valid.andThen(x -> obj(x, "image").put("msac", "yes")), "image.msac must be true or false");
    assertInvalid(
        valid.andThen(x -> obj(x, "image").put("msac", true).put("thumbnail", false)),
        "image.msac needs image.min_tiles 1 and image.thumbnail true");
  }
}
