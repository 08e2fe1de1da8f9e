package dev.docsift.slm.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.errors.ErrorCode;
import dev.docsift.slm.pack.ModelPack.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPackTest {
  @TempDir Path tmp;

  private static void assertFails(Path folder, Verification v, ErrorCode reason, String... parts) {
    assertThatThrownBy(() -> ModelPack.open(folder, v))
        .isInstanceOfSatisfying(
            PackException.class,
            e -> {
              assertThat(e.code()).isEqualTo(reason);
              assertThat(e.getMessage()).contains(parts);
            });
  }

  @Test
  void aGoodPackOpens() throws Exception {
    Path folder = FakePacks.write(tmp.resolve("p"), "good");
    ModelPack pack = ModelPack.open(folder, Verification.SKIP_GRAPHS);
    assertThat(pack.name()).isEqualTo("good");
    assertThat(pack.paths().decoder()).isEqualTo(folder.resolve("decoder.onnx"));
    assertThat(pack.paths().tokenizer()).isEqualTo(folder.resolve("tok/tokenizer.json"));
    assertThat(pack.paths().visionEncoder()).isNull();
    assertThat(pack.sizeBytes()).isEqualTo(sizeOfFiles(folder));
  }

  @Test
  void aMissingFileIsNamed() throws Exception {
    Path folder = FakePacks.write(tmp.resolve("p"), "p");
    Files.delete(folder.resolve("embed_tokens.onnx"));
    assertFails(
        folder,
        Verification.SKIP_GRAPHS,
        ErrorCode.MODEL_FILE_MISSING,
        "embed_tokens",
        "embed_tokens.onnx");
  }

  @Test
  void aHashMismatchNamesTheFileAndBothHashes() throws Exception {
    Path folder = FakePacks.write(tmp.resolve("p"), "p");
    String expected = Sha256.of(folder.resolve("decoder.onnx"));
    Files.writeString(folder.resolve("decoder.onnx"), "tampered");
    String actual = Sha256.of(folder.resolve("decoder.onnx"));
    assertFails(
        folder,
        Verification.SKIP_GRAPHS,
        ErrorCode.MODEL_HASH_MISMATCH,
        "decoder.onnx",
        expected,
        actual);
  }

  @Test
  void verifyListsEveryProblem() throws Exception {
    Path folder = FakePacks.write(tmp.resolve("p"), "p");
    Files.writeString(folder.resolve("decoder.onnx"), "tampered");
    Files.delete(folder.resolve("tok/tokenizer.json"));
    List<Problem> problems = ModelPack.verify(folder, Verification.SKIP_GRAPHS);
    assertThat(problems)
        .extracting(Problem::code)
        .containsExactlyInAnyOrder(ErrorCode.MODEL_HASH_MISMATCH, ErrorCode.MODEL_FILE_MISSING);
    assertThat(problems.getFirst().toString()).startsWith("DS60");
    assertFails(folder, Verification.SKIP_GRAPHS, ErrorCode.MODEL_HASH_MISMATCH, "1 more problem");
  }

  @Test
  void aFolderWithoutPackJsonIsNotAPack() throws Exception {
    Files.createDirectories(tmp.resolve("empty"));
    assertFails(tmp.resolve("empty"), Verification.FULL, ErrorCode.MODEL_NOT_FOUND, "no pack.json");
    assertFails(
        tmp.resolve("absent"), Verification.FULL, ErrorCode.MODEL_NOT_FOUND, "no model pack");
  }

  @Test
  void aBadManifestIsReportedAsSuch() throws Exception {
    Path folder = FakePacks.write(tmp.resolve("p"), "p", m -> m.put("weight_type", "fp8"));
    assertFails(folder, Verification.SKIP_GRAPHS, ErrorCode.MODEL_INVALID, "weight_type");
  }

  @Test
  void aFileThatIsNotAGraphFailsTheGraphCheck() throws Exception {
    Path folder = FakePacks.write(tmp.resolve("p"), "p");
    assertFails(
        folder,
        Verification.FULL,
        ErrorCode.MODEL_GRAPH_MISMATCH,
        "ONNX Runtime cannot open the graph");
  }

  @Test
  void theTinyPackOpensWithItsGraphsChecked() throws Exception {
    assumeTrue(FakePacks.tinyPresent(), "the tiny pack fixture is absent");
    ModelPack pack = ModelPack.open(FakePacks.tiny());
    assertThat(pack.manifest().decoder().layers()).isEqualTo(2);
    assertThat(pack.verify()).isEmpty();
    assertThat(pack.paths().embedTokens()).exists();
  }

  @Test
  void aGraphThatDisagreesWithTheManifestIsNamed() throws Exception {
    assumeTrue(FakePacks.tinyPresent(), "the tiny pack fixture is absent");
    Path hidden = FakePacks.copyTiny(tmp.resolve("hidden"), m -> decoder(m).put("hidden", 48));
    assertFails(hidden, Verification.FULL, ErrorCode.MODEL_GRAPH_MISMATCH, "decoder.hidden is 48");

    Path layers = FakePacks.copyTiny(tmp.resolve("layers"), m -> decoder(m).put("layers", 3));
    List<Problem> problems = ModelPack.verify(layers);
    assertThat(problems).extracting(Problem::code).containsOnly(ErrorCode.MODEL_GRAPH_MISMATCH);
    assertThat(problems.getFirst().message()).contains("2 past key inputs", "decoder.layers is 3");

    Path names = FakePacks.copyTiny(tmp.resolve("names"), m -> decoder(m).put("logits", "scores"));
    assertFails(names, Verification.FULL, ErrorCode.MODEL_GRAPH_MISMATCH, "missing output scores");

    Path heads =
        FakePacks.copyTiny(
            tmp.resolve("heads"), m -> decoder(m).put("kv_heads", 4).put("head_size", 16));
    assertFails(heads, Verification.FULL, ErrorCode.MODEL_GRAPH_MISMATCH, "decoder.kv_heads is 4");
  }

  private static ObjectNode decoder(ObjectNode m) {
    return (ObjectNode) m.get("decoder");
  }

  private static long sizeOfFiles(Path folder) throws IOException {
    try (var files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .sum();
    }
  }
}
