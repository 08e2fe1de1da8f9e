package dev.docsift.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smoke test's PATH keeps no folder with a java in it. */
class SmokeTestTest {
  @Test
  void everyFolderWithAJavaLeavesPath(@TempDir Path dir) throws Exception {
    Path jdk = Files.createDirectories(dir.resolve("jdk/bin"));
    Files.writeString(jdk.resolve("java"), "");
    Path tools = Files.createDirectories(dir.resolve("tools"));
    String path = String.join(File.pathSeparator, jdk.toString(), "", tools.toString());
    assertThat(SmokeEnvironment.pathWithoutJava(path)).isEqualTo(tools.toString());
  }
}
