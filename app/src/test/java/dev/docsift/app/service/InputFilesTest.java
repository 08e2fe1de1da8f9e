package dev.docsift.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dropped folder adds every supported file in it; a dropped file is taken as it is. */
class InputFilesTest {
  @TempDir Path dir;

  @Test
  void foldersExpandToTheirSupportedFilesAndFilesStayAsGiven() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("scans"));
    Path a = Files.createFile(folder.resolve("a.pdf"));
    Path b = Files.createFile(folder.resolve("B.PNG"));
    Files.createFile(folder.resolve("notes.txt"));
    Files.createFile(folder.resolve(".hidden.pdf"));
    Path d = Files.createFile(Files.createDirectories(folder.resolve("sub")).resolve("d.tiff"));
    Files.createFile(Files.createDirectories(folder.resolve(".done")).resolve("old.pdf"));
    Path loose = Files.createFile(dir.resolve("loose.txt"));

    List<Path> files = InputFiles.expand(List.of(folder, loose, a));

    assertThat(files).containsExactly(b, a, d, loose);
  }
}
