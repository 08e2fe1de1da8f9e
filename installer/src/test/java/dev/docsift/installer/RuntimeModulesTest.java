package dev.docsift.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime's module list, and how jdeps' findings are checked against it. */
class RuntimeModulesTest {
  static final Path LIST = Path.of("src", "jpackage", "runtime-modules.txt");

  @Test
  void theCommittedListNamesModulesThisJdkHas() throws IOException {
    RuntimeModules modules = RuntimeModules.read(LIST);
    assertThat(modules.included())
        .contains("java.base", "java.desktop", "java.net.http", "jdk.unsupported")
        .doesNotContainAnyElementsOf(modules.excluded());
    for (String m : modules.included()) {
      assertThat(ModuleFinder.ofSystem().find(m)).as(m + " in this JDK").isPresent();
    }
    assertThat(modules.addModules()).startsWith("java.base,").doesNotContain(" ");
  }

  @Test
  void jdepsFindingsOutsideBothListsAreReported() throws IOException {
    RuntimeModules modules = RuntimeModules.read(LIST);
    String jdeps = "Warning: split package: x\njava.base,java.desktop,java.sql,java.naming\n";
    assertThat(modules.unlisted(jdeps)).containsExactly("java.naming");
    assertThat(modules.unlisted("java.base,java.logging\n")).isEmpty();
  }

  @Test
  void commentsAndExclusionsAreRead(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("m.txt"),
            "# about\njava.base   # why\n\n-java.sql # not used\njdk.zipfs\n");
    RuntimeModules modules = RuntimeModules.read(file);
    assertThat(modules.included()).containsExactlyInAnyOrder("java.base", "jdk.zipfs");
    assertThat(modules.excluded()).containsExactly("java.sql");
    Path noBase = Files.writeString(dir.resolve("n.txt"), "java.desktop\n");
    assertThatThrownBy(() -> RuntimeModules.read(noBase)).hasMessageContaining("java.base");
  }
}
