package dev.docsift.slm.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docsift.errors.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZipUnpackerTest {
  @TempDir Path tmp;

  private static void assertUnsafe(ThrowingRunnable run, String... parts) {
    assertThatThrownBy(run::run)
        .isInstanceOfSatisfying(
            PackException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MODEL_UNSAFE_ARCHIVE);
              assertThat(e.code().code()).isEqualTo("DS606");
              assertThat(e.getMessage()).contains(parts);
            });
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void unpacksNestedEntries() throws Exception {
    Path zip = FakePacks.zipOf(tmp.resolve("a.zip"), "pack/pack.json", "{}", "pack/x/y.txt", "y");
    new ZipUnpacker().unpack(zip, tmp.resolve("out"));
    assertThat(tmp.resolve("out/pack/x/y.txt")).hasContent("y");
    assertThat(tmp.resolve("out/pack/pack.json")).hasContent("{}");
  }

  @Test
  void refusesZipSlipAndWritesNothing() throws Exception {
    Path target = tmp.resolve("deep/target");
    Path zip = FakePacks.zipOf(tmp.resolve("evil.zip"), "ok.txt", "fine", "../evil", "pwned");
    assertUnsafe(() -> new ZipUnpacker().unpack(zip, target), "../evil", "'..'");
    assertThat(tmp.resolve("deep/evil")).doesNotExist();
    // Names are all checked before anything is written: not even the harmless entry lands.
    assertThat(target.resolve("ok.txt")).doesNotExist();
    try (Stream<Path> all = Files.walk(tmp)) {
      assertThat(all.map(p -> p.getFileName().toString())).doesNotContain("evil");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/etc/evil", "a/../../evil", "C:/evil", "..\\evil", "a/b/../../../evil"})
  void refusesEveryEscapingName(String name) throws Exception {
    Path zip = FakePacks.zipOf(tmp.resolve("evil.zip"), name, "pwned");
    assertUnsafe(() -> new ZipUnpacker().unpack(zip, tmp.resolve("t/out")), "refused");
    try (Stream<Path> all = Files.walk(tmp)) {
      assertThat(all.filter(Files::isRegularFile).map(Path::getFileName).map(Path::toString))
          .containsExactly("evil.zip");
    }
  }

  @Test
  void refusesSymbolicLinks() throws Exception {
    Path zip = FakePacks.zipOf(tmp.resolve("link.zip"), "a.txt", "a", "root", "/");
    markUnixSymlink(zip, "root");
    assertThat(ZipUnpacker.firstSymlink(zip)).isEqualTo("root");
    assertUnsafe(() -> new ZipUnpacker().unpack(zip, tmp.resolve("out")), "symbolic link", "root");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void boundsTheUnpackedSize() throws Exception {
    Path zip = FakePacks.zipOf(tmp.resolve("big.zip"), "a.txt", "x".repeat(5000));
    assertUnsafe(() -> new ZipUnpacker(4096, 10).unpack(zip, tmp.resolve("out")), "4096 bytes");
    Path many = FakePacks.zipOf(tmp.resolve("many.zip"), "a", "1", "b", "2", "c", "3");
    assertUnsafe(() -> new ZipUnpacker(4096, 2).unpack(many, tmp.resolve("out2")), "2 entries");
  }

  @Test
  void aFileThatIsNotAZipIsAnIoError() throws Exception {
    Path notZip = Files.writeString(tmp.resolve("x.zip"), "not a zip at all");
    assertThatThrownBy(() -> new ZipUnpacker().unpack(notZip, tmp.resolve("out")))
        .isInstanceOfSatisfying(
            PackException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MODEL_IO);
              assertThat(e.getMessage()).contains("not a readable zip");
            });
  }

  /**
   * Rewrites the central directory record of {@code entry} as made on Unix with mode {@code
   * lrwxrwxrwx}, which is how zip tools store a symbolic link.
   */
  static void markUnixSymlink(Path zip, String entry) throws IOException {
    byte[] bytes = Files.readAllBytes(zip);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i + 46 < bytes.length; i++) {
      if (b.getInt(i) == 0x02014b50) {
        int nameLength = Short.toUnsignedInt(b.getShort(i + 28));
        String name =
            new String(bytes, i + 46, nameLength, java.nio.charset.StandardCharsets.UTF_8);
        if (name.equals(entry)) {
          b.put(i + 5, (byte) 3);
          b.putInt(i + 38, 0120777 << 16);
        }
      }
    }
    Files.write(zip, bytes);
  }
}
