package dev.docsift.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results land whole, under free names, with the permissions any new file in the folder gets. */
class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void writtenFilesGetTheFoldersUsualPermissionsNotOwnerOnly() throws Exception {
    assumeThat(FileSystems.getDefault().supportedFileAttributeViews())
        .as("POSIX permissions")
        .contains("posix");
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    Set<PosixFilePermission> usual = Files.getPosixFilePermissions(plain);

    AtomicFiles.write(dir.resolve("a.json"), "{}".getBytes(StandardCharsets.UTF_8));
    Path fresh = AtomicFiles.writeNew(dir, "b", "json", "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(Files.getPosixFilePermissions(dir.resolve("a.json"))).isEqualTo(usual);
    assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(usual);
  }

  @Test
  void writeNewNeverReplacesAndLeavesNoTemporaries() throws Exception {
    byte[] first = "1".getBytes(StandardCharsets.UTF_8);
    byte[] second = "2".getBytes(StandardCharsets.UTF_8);
    Path a = AtomicFiles.writeNew(dir, "r", "json", first);
    Path b = AtomicFiles.writeNew(dir, "r", "json", second);

    assertThat(a.getFileName()).hasToString("r.json");
    assertThat(b.getFileName()).hasToString("r-1.json");
    assertThat(Files.readString(a)).isEqualTo("1");
    assertThat(Files.readString(b)).isEqualTo("2");
    try (var names = Files.list(dir)) {
      assertThat(names.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void temporariesAreHiddenAndDistinct() throws Exception {
    Path one = AtomicFiles.newTemporary(dir, "x.json");
    Path two = AtomicFiles.newTemporary(dir, "x.json");
    assertThat(one).isNotEqualTo(two).exists();
    assertThat(one.getFileName().toString()).startsWith(".x.json.").endsWith(".tmp");
    assertThat(Files.size(one)).isZero();
  }
}
