package dev.docsift.slm.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import dev.docsift.errors.ErrorCode;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class OrtRuntimeTest {

  @ParameterizedTest
  @CsvSource({
    "Mac OS X, aarch64, COREML",
    "Mac OS X, x86_64, CPU",
    "Windows 11, amd64, DIRECTML",
    "Linux, amd64, CPU",
    "Linux, aarch64, CPU"
  })
  void autoPicksByPlatform(String os, String arch, ExecutionProvider expected) {
    assertThat(OrtRuntime.autoProvider(os, arch)).isEqualTo(expected);
  }

  @Test
  void parsesCommandLineNames() {
    assertThat(ExecutionProvider.parse("CoreML")).isEqualTo(ExecutionProvider.COREML);
    assertThat(ExecutionProvider.parse(" cpu ")).isEqualTo(ExecutionProvider.CPU);
    assertThatThrownBy(() -> ExecutionProvider.parse("tpu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("auto, cpu");
  }

  @Test
  void aSessionWithoutTheMemoryPatternGivesTheSameEmbeddings() throws Exception {
    TinyPack pack = TinyPack.load("tiny-pack");
    RuntimeOptions planned = RuntimeOptions.cpu();
    RuntimeOptions unplanned = planned.withThreads(1, 0).withMemoryPattern(false);
    assertThat(planned.memoryPattern()).isTrue();
    assertThat(unplanned.memoryPattern()).isFalse();
    assertThat(unplanned.withProvider(ExecutionProvider.AUTO).memoryPattern()).isFalse();
    assertThat(unplanned.intraOpThreads()).isEqualTo(1);
    int[] ids = pack.prompts().get(0).inputIds();
    float[][] embeds = new float[2][];
    RuntimeOptions[] both = {planned, unplanned};
    for (int i = 0; i < 2; i++) {
      try (DecoderSession session =
          DecoderSession.open(pack.embedTokens(), pack.decoder(), pack.spec(), both[i])) {
        session.embed(ids); // a second run of the same shape reuses what the first planned
        embeds[i] = session.embed(ids);
      }
    }
    assertThat(embeds[1]).containsExactly(embeds[0]);
  }

  @ParameterizedTest
  @EnumSource(
      value = ExecutionProvider.class,
      names = {"COREML", "DIRECTML", "CUDA"})
  void unavailableProviderFallsBackToCpuWithOneWarning(ExecutionProvider asked) throws Exception {
    assumeLinuxCpuBuild();
    TinyPack pack = TinyPack.load("tiny-pack");
    RuntimeOptions options = RuntimeOptions.cpu().withProvider(asked);
    OrtRuntime.OpenedSession opened = OrtRuntime.openSession(pack.embedTokens(), options);
    try {
      assertThat(opened.provider().name()).isEqualTo("cpu");
      assertThat(opened.provider().fellBack()).isTrue();
      assertThat(opened.provider().warning().orElseThrow())
          .contains(asked.id())
          .contains("running on cpu instead");
    } finally {
      opened.session().close();
    }
    // The whole decoder reports the same single warning.
    try (DecoderSession session =
        DecoderSession.open(pack.embedTokens(), pack.decoder(), pack.spec(), options)) {
      assertThat(session.provider().name()).isEqualTo("cpu");
      assertThat(session.provider().warning()).isPresent();
      assertThat(session.embed(new int[] {1, 2})).hasSize(2 * pack.spec().hidden());
    }
  }

  @Test
  void attachThrowsWhereTheBuildLacksTheProvider() {
    assumeLinuxCpuBuild();
    for (ExecutionProvider p :
        new ExecutionProvider[] {
          ExecutionProvider.COREML, ExecutionProvider.DIRECTML, ExecutionProvider.CUDA
        }) {
      try (SessionOptions so = new SessionOptions()) {
        assertThatThrownBy(() -> OrtRuntime.attach(so, p)).isInstanceOf(OrtException.class);
      }
    }
  }

  @Test
  void cpuAndAutoOnLinuxNeedNoWarning() throws Exception {
    assumeLinuxCpuBuild();
    TinyPack pack = TinyPack.load("tiny-pack");
    for (RuntimeOptions o :
        new RuntimeOptions[] {RuntimeOptions.cpu(), RuntimeOptions.defaults()}) {
      OrtRuntime.OpenedSession opened = OrtRuntime.openSession(pack.embedTokens(), o);
      try {
        assertThat(opened.provider())
            .isEqualTo(new ResolvedProvider("cpu", java.util.Optional.empty()));
      } finally {
        opened.session().close();
      }
    }
  }

  @Test
  void missingOrCorruptModelIsModelLoad(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> OrtRuntime.openSession(dir.resolve("none.onnx"), RuntimeOptions.cpu()))
        .isInstanceOfSatisfying(
            DecoderException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DECODER_LOAD));
    Path junk = java.nio.file.Files.writeString(dir.resolve("junk.onnx"), "not a model");
    assertThatThrownBy(() -> OrtRuntime.openSession(junk, RuntimeOptions.cpu()))
        .isInstanceOfSatisfying(
            DecoderException.class, e -> assertThat(e.code().code()).isEqualTo("DS621"));
  }

  private static void assumeLinuxCpuBuild() {
    assumeTrue(
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"),
        "the CPU-only build is the Linux one");
    assumeTrue(
        !ai.onnxruntime.OrtEnvironment.getAvailableProviders()
            .contains(ai.onnxruntime.OrtProvider.CUDA),
        "this ONNX Runtime has CUDA");
  }
}
