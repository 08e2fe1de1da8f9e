package dev.docsift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.docsift.slm.fixtures.TestFixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code docsift models}: exit codes, messages with DS6xx codes, never a stack trace. */
class ModelsCommandTest {
  /**
   * The real tiny pack (ONNX graphs that pass the graph check) from slm-engine's fixtures; skips
   * the test when it is absent.
   */
  private static Path tiny() {
    return TestFixtures.folder("tiny-pack");
  }

  @TempDir Path tmp;

  private CliRun models(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "models";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--models-dir";
    all[args.length + 2] = tmp.resolve("store").toString();
    CliRun run = CliRun.of(all);
    assertThat(run.showsStackTrace()).as(run.err()).isFalse();
    return run;
  }

  private static void assumeTiny() {
    assumeTrue(Files.isRegularFile(tiny().resolve("decoder.onnx")), "tiny pack fixture absent");
  }

  @Test
  void listOnAnEmptyStoreSaysSo() {
    CliRun run = models("list");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("No model packs are installed");
  }

  @Test
  void installListVerifyRemove() throws Exception {
    assumeTiny();
    CliRun install = models("install", tiny().toString());
    assertThat(install.exitCode()).as(install.err()).isZero();
    assertThat(install.out()).contains("Installed tiny-llama 1 (text, fp32");

    CliRun list = models("list");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).contains("NAME").containsPattern("tiny-llama\\s+1\\s+text\\s+fp32\\s+");
    assertThat(list.out()).contains("KiB");

    assertThat(models("verify", "tiny-llama").out()).contains("tiny-llama is intact.");

    CliRun again = models("install", tiny().toString());
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).startsWith("DS608 ").contains("--force");
    assertThat(models("install", tiny().toString(), "--force").exitCode()).isZero();

    Path decoder = tmp.resolve("store/tiny-llama/decoder.onnx");
    Files.write(decoder, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    CliRun verify = models("verify", "tiny-llama");
    assertThat(verify.exitCode()).isEqualTo(1);
    assertThat(verify.err()).startsWith("DS604 ").contains("decoder.onnx", sha256(decoder));

    CliRun remove = models("remove", "tiny-llama");
    assertThat(remove.exitCode()).isZero();
    assertThat(remove.out()).contains("Removed tiny-llama.");
    CliRun removeAgain = models("remove", "tiny-llama");
    assertThat(removeAgain.exitCode()).isEqualTo(1);
    assertThat(removeAgain.err()).startsWith("DS601 ");
  }

  @Test
  void installsFromALoopbackUrlWithProgressLines() throws Exception {
    assumeTiny();
    byte[] zip = zipOf(tiny());
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, zip.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(zip);
          }
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/tiny.zip";
      CliRun run = models("install", url, "--sha256", sha256(zip));
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.err()).contains("(100%)");
      assertThat(run.out()).contains("Installed tiny-llama");

      CliRun bad = models("install", url, "--force", "--sha256", "0".repeat(64));
      assertThat(bad.exitCode()).isEqualTo(1);
      assertThat(bad.err()).contains("DS604 ").contains(sha256(zip));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void failuresAreOneSentenceWithACode() throws Exception {
    CliRun missing = models("install", tmp.resolve("nowhere").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).startsWith("DS601 ").contains("nowhere");

    Path evil = tmp.resolve("evil.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(evil))) {
      z.putNextEntry(new ZipEntry("../evil"));
      z.write("pwned".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    CliRun unsafe = models("install", evil.toString());
    assertThat(unsafe.exitCode()).isEqualTo(1);
    assertThat(unsafe.err()).startsWith("DS606 ");
    assertThat(tmp.resolve("evil")).doesNotExist();

    Path broken = Files.createDirectories(tmp.resolve("broken"));
    Files.writeString(broken.resolve("pack.json"), "{\"format\": 1, \"name\": \"x\"}");
    CliRun manifest = models("install", broken.toString());
    assertThat(manifest.exitCode()).isEqualTo(1);
    assertThat(manifest.err()).startsWith("DS602 ").contains("version is missing");

    CliRun http = models("install", "http://example.com/pack.zip");
    assertThat(http.exitCode()).isEqualTo(1);
    assertThat(http.err()).startsWith("DS607 ");

    assertThat(models("verify", "absent").err()).startsWith("DS601 ");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(models("install").exitCode()).isEqualTo(2);
    assertThat(models("install", "x.zip", "--sha256", "xyz").exitCode()).isEqualTo(2);
    assertThat(models("frobnicate").exitCode()).isEqualTo(2);
    assertThat(models("remove").exitCode()).isEqualTo(2);
  }

  private static byte[] zipOf(Path folder) throws IOException {
    var bytes = new java.io.ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes);
        Stream<Path> files = Files.list(folder)) {
      for (Path f : files.sorted().toList()) {
        z.putNextEntry(new ZipEntry("tiny/" + f.getFileName()));
        Files.copy(f, z);
        z.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static String sha256(Path file) throws Exception {
    return sha256(Files.readAllBytes(file));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void importAPublicTextExport() {
    Path export = TestFixtures.folder("tiny-qwen2-export");
    assumeTrue(Files.isRegularFile(export.resolve("onnx/model_q4.onnx")), "tiny export absent");
    CliRun run = models("import", export.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Importing onnx/model_q4.onnx")
        .contains("Installed tiny-qwen2-export-q4 1 (text, int4-block32")
        .contains("docsift extract --engine slm --model tiny-qwen2-export-q4");
    assertThat(models("verify", "tiny-qwen2-export-q4").out()).contains("is intact.");

    CliRun named = models("import", export.toString(), "--weights", "fp32", "--name", "qwen-f");
    assertThat(named.exitCode()).as(named.err()).isZero();
    assertThat(named.out()).contains("Installed qwen-f 1 (text, fp32");
    assertThat(models("import", export.toString()).err()).startsWith("DS608 ");

    CliRun missing = models("import", export.toString(), "--weights", "fp16");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).startsWith("DS610 ").contains("model_fp16.onnx");
    CliRun notAModel = models("import", tmp.toString());
    assertThat(notAModel.exitCode()).isEqualTo(1);
    assertThat(notAModel.err()).startsWith("DS610 ").contains("config.json");
    assertThat(models("import", export.toString(), "--weights", "q3").exitCode()).isEqualTo(2);
  }

  @Test
  void importAnIdefics3Export() throws Exception {
    Path export = TestFixtures.folder("tiny-idefics3-export");
    CliRun run = models("import", export.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Importing onnx/decoder_model_merged.onnx")
        .contains("Installed tiny-idefics3-export-fp32 1 (idefics3, fp32");
    assertThat(models("verify", "tiny-idefics3-export-fp32").out()).contains("is intact.");

    Path broken = tmp.resolve("no-vision");
    TestFixtures.copy("tiny-idefics3-export", broken);
    Files.delete(broken.resolve("onnx/vision_encoder.onnx"));
    CliRun missing = models("import", broken.toString(), "--name", "other");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).startsWith("DS610 ").contains("onnx/vision_encoder.onnx");
  }
}
