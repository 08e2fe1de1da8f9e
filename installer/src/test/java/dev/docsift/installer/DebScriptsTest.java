package dev.docsift.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .deb's maintainer scripts: jpackage's own, with docsift's command linked onto PATH. */
class DebScriptsTest {
  @Test
  void thisJdksTemplatesGetTheLinkWhereTheyInstallAndRemove(@TempDir Path dir)
      throws IOException, InterruptedException {
    assumeThat(ModuleLayer.boot().findModule("jdk.jpackage"))
        .as("this JDK has no jpackage")
        .isPresent();
    DebScripts.write(dir, "/opt/docsift/bin/docsift", "/usr/bin/docsift");
    String postinst = Files.readString(dir.resolve("postinst"));
    String prerm = Files.readString(dir.resolve("prerm"));
    assertThat(postinst)
        .contains("DESKTOP_COMMANDS_INSTALL") // jpackage fills its placeholders in later
        .contains("ln -sf /opt/docsift/bin/docsift /usr/bin/docsift");
    assertThat(postinst.indexOf("ln -sf")).isGreaterThan(postinst.indexOf("configure)"));
    assertThat(prerm)
        .contains("DESKTOP_COMMANDS_UNINSTALL")
        .contains("rm -f /usr/bin/docsift")
        .contains("readlink /usr/bin/docsift");
    assertThat(prerm.indexOf("rm -f")).isGreaterThan(prerm.indexOf("remove|upgrade|deconfigure)"));
    // A machine without a desktop can install and remove the package.
    assertThat(postinst)
        .containsPattern("\\(\\n\\s*:\\nDESKTOP_COMMANDS_INSTALL\\n\\s*\\) \\|\\| true");
    assertThat(prerm)
        .containsPattern("\\(\\n\\s*:\\nDESKTOP_COMMANDS_UNINSTALL\\n\\s*\\) \\|\\| true");
    for (String script : List.of("postinst", "prerm")) {
      if (Tools.onPath("sh").isPresent()) {
        Tools.Result r =
            Tools.capture(List.of("sh", "-n", dir.resolve(script).toString()), dir, Map.of(), 30);
        assertThat(r.exitCode()).as(script + ": " + r.err()).isZero();
      }
    }
  }

  @Test
  void aTemplateWithoutTheCaseFailsClearly() {
    assertThatThrownBy(() -> DebScripts.postinst("#!/bin/sh\nexit 0\n", "/a", "/b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DESKTOP_COMMANDS_INSTALL");
    assertThatThrownBy(
            () -> DebScripts.postinst("case x in\nDESKTOP_COMMANDS_INSTALL\nesac\n", "/a", "/b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("configure)");
  }

  @Test
  void aFailingDesktopCommandNeitherStopsTheScriptNorHidesItsError(@TempDir Path dir)
      throws IOException, InterruptedException {
    assumeThat(Tools.onPath("sh")).as("no sh here").isPresent();
    String template =
        "#!/bin/sh\nset -e\ncase \"$1\" in\n    configure)\nDESKTOP_COMMANDS_INSTALL\n    ;;\nesac\n"
            + "echo still here\n";
    Path script = dir.resolve("postinst");
    Files.writeString(
        script,
        DebScripts.postinst(template, "/a", dir.resolve("link").toString())
            .replace("DESKTOP_COMMANDS_INSTALL", "echo menu failed >&2; false\necho mime done"));
    Tools.Result r =
        Tools.capture(List.of("sh", script.toString(), "configure"), dir, System.getenv(), 30);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("mime done", "still here");
    assertThat(r.err()).contains("menu failed");
  }

  @Test
  void someoneElsesDocsiftOnPathIsLeftAlone() {
    String postinst =
        DebScripts.postinst(
            "case \"$1\" in\n    configure)\nDESKTOP_COMMANDS_INSTALL\n    ;;\nesac\n", "/a", "/b");
    assertThat(postinst).contains("if [ ! -e /b ] || [ -L /b ]; then");
  }
}
