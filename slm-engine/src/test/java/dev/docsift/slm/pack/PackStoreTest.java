package dev.docsift.slm.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.docsift.errors.ErrorCode;
import dev.docsift.slm.pack.ModelPack.Verification;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackStoreTest {
  @TempDir Path tmp;

  private PackStore store(Verification verification) {
    return new PackStore(
        tmp.resolve("store"),
        new Downloader(HttpClient::newHttpClient, 3, Duration.ofMillis(10)),
        new ZipUnpacker(),
        verification);
  }

  private PackStore store() {
    return store(Verification.SKIP_GRAPHS);
  }

  private static void assertFails(ThrowingRunnable run, ErrorCode reason, String... parts) {
    assertThatThrownBy(run::run)
        .isInstanceOfSatisfying(
            PackException.class,
            e -> {
              assertThat(e.code()).isEqualTo(reason);
              assertThat(e.getMessage()).endsWith(".");
              for (String part : parts) {
                assertThat(e.getMessage()).contains(part);
              }
            });
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** What the store folder holds besides the staging area. */
  private List<String> installedFolders() throws Exception {
    Path root = tmp.resolve("store");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(root)) {
      return children
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .sorted()
          .toList();
    }
  }

  /** Nothing is left in staging but (possibly) resumable downloads. */
  private void assertStagingClean() throws Exception {
    Path staging = tmp.resolve("store/.staging");
    if (Files.isDirectory(staging)) {
      try (Stream<Path> children = Files.list(staging)) {
        assertThat(children.map(p -> p.getFileName().toString())).allMatch("downloads"::equals);
      }
    }
  }

  @Test
  void defaultRootFollowsThePlatform() {
    Path home = Path.of("/home/ann");
    assertThat(PackStore.defaultRoot(Map.of(), "Linux", home))
        .isEqualTo(Path.of("/home/ann/.local/share/docsift/models"));
    assertThat(PackStore.defaultRoot(Map.of("XDG_DATA_HOME", "/data"), "Linux", home))
        .isEqualTo(Path.of("/data/docsift/models"));
    assertThat(PackStore.defaultRoot(Map.of("XDG_DATA_HOME", "rel"), "Linux", home))
        .isEqualTo(Path.of("/home/ann/.local/share/docsift/models"));
    assertThat(PackStore.defaultRoot(Map.of(), "Mac OS X", home))
        .isEqualTo(Path.of("/home/ann/Library/Application Support/docsift/models"));
    assertThat(PackStore.defaultRoot(Map.of("LOCALAPPDATA", "/appdata"), "Windows 11", home))
        .isEqualTo(Path.of("/appdata/docsift/models"));
    assertThat(PackStore.defaultRoot(Map.of(PackStore.ENV, "/models"), "Linux", home))
        .isEqualTo(Path.of("/models"));
  }

  @Test
  void installsFromAFolderCopyingOnlyTheManifestAndItsFiles() throws Exception {
    Path source = FakePacks.write(tmp.resolve("src"), "alpha");
    Files.writeString(source.resolve("unrelated-export.onnx"), "not part of the pack");
    ModelPack pack = store().install(source.toString(), ProgressListener.NONE);
    assertThat(pack.folder()).isEqualTo(tmp.resolve("store/alpha"));
    assertThat(pack.folder().resolve("tok/tokenizer.json")).exists();
    assertThat(pack.folder().resolve("unrelated-export.onnx")).doesNotExist();
    assertThat(installedFolders()).containsExactly("alpha");
    assertThat(store().verify("alpha")).isEmpty();
    assertStagingClean();
  }

  @Test
  void installsFromAZipWithOrWithoutATopFolder() throws Exception {
    Path a = FakePacks.write(tmp.resolve("a"), "alpha");
    Path b = FakePacks.write(tmp.resolve("b"), "beta");
    store().install(FakePacks.zip(a, tmp.resolve("a.zip"), "alpha-1/").toString(), (x, y) -> {});
    store().install(FakePacks.zip(b, tmp.resolve("b.zip"), "").toString(), (x, y) -> {});
    assertThat(installedFolders()).containsExactly("alpha", "beta");
    assertThat(store().open("beta").paths().decoder()).hasContent("decoder weights of beta");
    assertStagingClean();
  }

  @Test
  void anEvilZipInstallsNothingAndWritesNothingOutside() throws Exception {
    Path zip =
        FakePacks.zipOf(tmp.resolve("evil.zip"), "pack.json", "{}", "../../../evil", "pwned");
    assertFails(
        () -> store().install(zip.toString(), ProgressListener.NONE),
        ErrorCode.MODEL_UNSAFE_ARCHIVE);
    assertThat(installedFolders()).isEmpty();
    assertStagingClean();
    try (Stream<Path> all = Files.walk(tmp)) {
      assertThat(all.map(p -> p.getFileName().toString())).doesNotContain("evil");
    }
  }

  @Test
  void aPackThatFailsVerificationIsNeverInstalled() throws Exception {
    Path source = FakePacks.write(tmp.resolve("src"), "alpha");
    Path zip = FakePacks.zip(source, tmp.resolve("a.zip"), "");
    Files.writeString(source.resolve("decoder.onnx"), "tampered after hashing");
    assertFails(
        () -> store().install(source.toString(), ProgressListener.NONE),
        ErrorCode.MODEL_HASH_MISMATCH);
    assertThat(installedFolders()).isEmpty();
    assertStagingClean();
    // And a good archive still installs afterwards.
    store().install(zip.toString(), ProgressListener.NONE);
    assertThat(installedFolders()).containsExactly("alpha");
  }

  @Test
  void installingAnInstalledNameNeedsForce() throws Exception {
    Path v1 = FakePacks.write(tmp.resolve("v1"), "alpha");
    Path v2 = FakePacks.write(tmp.resolve("v2"), "alpha", m -> m.put("version", "2"));
    store().install(v1.toString(), ProgressListener.NONE);
    assertFails(
        () -> store().install(v2.toString(), ProgressListener.NONE),
        ErrorCode.MODEL_ALREADY_INSTALLED,
        "alpha",
        "--force");
    assertThat(store().list().getFirst().manifest().version()).isEqualTo("1");
    store().install(v2.toString(), new InstallOptions(true, null), ProgressListener.NONE);
    assertThat(store().list().getFirst().manifest().version()).isEqualTo("2");
    assertStagingClean();
  }

  @Test
  void listsRemovesAndVerifies() throws Exception {
    assertThat(store().list()).isEmpty();
    store().install(FakePacks.write(tmp.resolve("b"), "beta").toString(), ProgressListener.NONE);
    store().install(FakePacks.write(tmp.resolve("a"), "alpha").toString(), ProgressListener.NONE);
    Files.createDirectories(tmp.resolve("store/broken"));
    List<InstalledPack> packs = store().list();
    assertThat(packs).extracting(InstalledPack::name).containsExactly("alpha", "beta", "broken");
    assertThat(packs.get(0).manifest().weightType())
        .isEqualTo(PackManifest.WeightType.INT4_BLOCK32);
    assertThat(packs.get(0).sizeBytes()).isPositive();
    assertThat(packs.get(2).problem()).contains("no pack.json");

    Files.writeString(tmp.resolve("store/beta/decoder.onnx"), "bit rot");
    assertThat(store().verify("beta"))
        .singleElement()
        .satisfies(p -> assertThat(p.code()).isEqualTo(ErrorCode.MODEL_HASH_MISMATCH));

    store().remove("beta");
    assertThat(installedFolders()).containsExactly("alpha", "broken");
    assertFails(() -> store().remove("beta"), ErrorCode.MODEL_NOT_FOUND, "beta");
    assertFails(() -> store().verify("../alpha"), ErrorCode.MODEL_NOT_FOUND);
    assertStagingClean();
  }

  @Test
  void aMissingSourceIsNotFound() {
    assertFails(
        () -> store().install(tmp.resolve("nowhere").toString(), ProgressListener.NONE),
        ErrorCode.MODEL_NOT_FOUND,
        "nowhere");
  }

  @Test
  void downloadsResumeAfterADroppedConnection() throws Exception {
    Path zip =
        FakePacks.zip(FakePacks.write(tmp.resolve("src"), "remote"), tmp.resolve("r.zip"), "");
    byte[] bytes = Files.readAllBytes(zip);
    List<long[]> progress = new ArrayList<>();
    try (ZipServer server = new ZipServer(bytes, 1)) {
      String url = server.url("remote.zip") + "#sha256=" + Sha256.of(zip);
      ModelPack pack =
          store().install(url, (done, total) -> progress.add(new long[] {done, total}));
      assertThat(pack.name()).isEqualTo("remote");
      assertThat(server.ranges).hasSize(2);
      assertThat(server.ranges.get(0)).isEmpty();
      assertThat(server.ranges.get(1)).isEqualTo("bytes=" + bytes.length / 2 + "-");
    }
    assertThat(progress.getLast()).containsExactly(bytes.length, bytes.length);
    assertThat(store().verify("remote")).isEmpty();
    try (Stream<Path> parts = Files.walk(tmp.resolve("store/.staging"))) {
      assertThat(parts.filter(p -> p.toString().endsWith(".part"))).isEmpty();
    }
    assertStagingClean();
  }

  @Test
  void aSecondInstallOfAUrlBeingDownloadedIsRefusedNotInterleaved() throws Exception {
    Path zip =
        FakePacks.zip(FakePacks.write(tmp.resolve("src"), "remote"), tmp.resolve("r.zip"), "");
    try (ZipServer server = new ZipServer(Files.readAllBytes(zip), 0)) {
      String url = server.url("remote.zip");
      Path part = UrlSource.partFile(tmp.resolve("store/.staging/downloads"), URI.create(url));
      Files.createDirectories(part.getParent());
      try (FileChannel channel =
              FileChannel.open(
                  UrlSource.lockFile(part), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock first = channel.lock()) {
        assertFails(
            () -> store().install(url, ProgressListener.NONE),
            ErrorCode.MODEL_DOWNLOAD_FAILED,
            "Another install is downloading");
        assertThat(part).doesNotExist();
      }
      assertThat(store().install(url, ProgressListener.NONE).name()).isEqualTo("remote");
    }
  }

  @Test
  void aDownloadKeptFromAFailedRunIsResumedByTheNextRun() throws Exception {
    Path zip =
        FakePacks.zip(FakePacks.write(tmp.resolve("src"), "remote"), tmp.resolve("r.zip"), "");
    byte[] bytes = Files.readAllBytes(zip);
    PackStore oneAttempt =
        new PackStore(
            tmp.resolve("store"),
            new Downloader(HttpClient::newHttpClient, 1, Duration.ZERO),
            new ZipUnpacker(),
            Verification.SKIP_GRAPHS);
    try (ZipServer server = new ZipServer(bytes, 1)) {
      assertFails(
          () -> oneAttempt.install(server.url("remote.zip"), ProgressListener.NONE),
          ErrorCode.MODEL_DOWNLOAD_FAILED,
          "run it again to resume");
      assertThat(installedFolders()).isEmpty();
      oneAttempt.install(server.url("remote.zip"), ProgressListener.NONE);
      assertThat(server.ranges).containsExactly("", "bytes=" + bytes.length / 2 + "-");
    }
    assertThat(installedFolders()).containsExactly("remote");
  }

  @Test
  void aCorruptDownloadLeavesNothingInstalled() throws Exception {
    Path zip =
        FakePacks.zip(FakePacks.write(tmp.resolve("src"), "remote"), tmp.resolve("r.zip"), "");
    try (ZipServer server = new ZipServer(Files.readAllBytes(zip), 0)) {
      String wrong = "ab".repeat(32);
      assertFails(
          () ->
              store()
                  .install(
                      server.url("remote.zip"),
                      new InstallOptions(false, wrong),
                      ProgressListener.NONE),
          ErrorCode.MODEL_HASH_MISMATCH,
          wrong,
          Sha256.of(zip));
    }
    assertThat(installedFolders()).isEmpty();
    try (Stream<Path> parts = Files.walk(tmp.resolve("store/.staging"))) {
      assertThat(parts.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void refusesPlainHttpToOtherHostsAndReportsHttpErrors() throws Exception {
    assertFails(
        () -> store().install("http://example.com/p.zip", ProgressListener.NONE),
        ErrorCode.MODEL_DOWNLOAD_FAILED,
        "https only");
    try (ZipServer server = new ZipServer(new byte[10], 0)) {
      assertFails(
          () -> store().install(server.url("missing.bin"), ProgressListener.NONE),
          ErrorCode.MODEL_DOWNLOAD_FAILED,
          "HTTP 404");
      assertFails(
          () -> store().install(server.url("x.zip") + "#md5=00", ProgressListener.NONE),
          ErrorCode.MODEL_DOWNLOAD_FAILED,
          "#sha256=");
    }
    assertThat(installedFolders()).isEmpty();
  }

  @Test
  void theTinyPackInstallsWithItsGraphsChecked() throws Exception {
    assumeTrue(FakePacks.tinyPresent(), "the tiny pack fixture is absent");
    PackStore full = store(Verification.FULL);
    Path zip = FakePacks.zip(FakePacks.tiny(), tmp.resolve("tiny.zip"), "tiny/");
    ModelPack pack = full.install(zip.toString(), ProgressListener.NONE);
    assertThat(pack.name()).isEqualTo("tiny-llama");
    assertThat(full.verify("tiny-llama")).isEmpty();
    assertThat(full.open("tiny-llama").paths().tokenizer()).exists();
  }
}
