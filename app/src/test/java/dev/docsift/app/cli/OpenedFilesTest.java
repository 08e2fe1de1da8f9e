package dev.docsift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a desktop passes for documents opened with docsift (the installed app's PDF association)
 * opens the window with them; every other command line keeps its meaning.
 */
class OpenedFilesTest {
  private static final Set<String> COMMANDS = Set.of("extract", "gui", "help");

  @Test
  void existingFilesAloneOpenTheWindowWithThem(@TempDir Path dir) throws Exception {
    Path a = Files.writeString(dir.resolve("a.pdf"), "x");
    Path b = Files.writeString(dir.resolve("scan 2.png"), "x");
    assertThat(OpenedFiles.commandLine(new String[] {a.toString()}, COMMANDS))
        .containsExactly("gui", a.toString());
    assertThat(OpenedFiles.commandLine(new String[] {a.toString(), b.toString()}, COMMANDS))
        .containsExactly("gui", a.toString(), b.toString());
  }

  @Test
  void fileUrisAreTheirPaths(@TempDir Path dir) throws Exception {
    Path b = Files.writeString(dir.resolve("scan 2.pdf"), "x");
    String uri = b.toUri().toString();
    assertThat(uri).contains("%20");
    assertThat(OpenedFiles.commandLine(new String[] {uri}, COMMANDS))
        .containsExactly("gui", b.toString());
  }

  @Test
  void everyOtherCommandLineIsLeftAlone(@TempDir Path dir) throws Exception {
    Path a = Files.writeString(dir.resolve("a.pdf"), "x");
    List<String[]> unchanged = new ArrayList<>();
    unchanged.add(new String[] {});
    unchanged.add(new String[] {"extract", a.toString()});
    unchanged.add(new String[] {"--help"});
    unchanged.add(new String[] {dir.resolve("missing.pdf").toString()}); // stays a usage error
    unchanged.add(new String[] {dir.toString()}); // a folder
    unchanged.add(new String[] {a.toString(), "--schema", "invoice"});
    unchanged.add(new String[] {a.toString(), "nope"});
    unchanged.add(new String[] {"file://host/share/a.pdf"});
    unchanged.add(new String[] {"@" + a});
    for (String[] args : unchanged) {
      assertThat(OpenedFiles.commandLine(args, COMMANDS)).as(String.join(" ", args)).isSameAs(args);
    }
  }

  @Test
  void aSubcommandWinsOverAFileOfTheSameName(@TempDir Path dir) throws Exception {
    Path named = Files.writeString(dir.resolve("extract"), "x");
    String[] args = {named.toString()};
    assertThat(OpenedFiles.commandLine(args, Set.of(named.toString()))).isSameAs(args);
  }

  @Test
  void theLauncherOpensTheWindowForOpenedFiles(@TempDir Path dir) throws Exception {
    Path a = Files.writeString(dir.resolve("a.pdf"), "x");
    List<GuiLauncher.Request> seen = new ArrayList<>();
    int code =
        DocsiftCommand.run(
            (request, err) -> {
              seen.add(request);
              return 0;
            },
            a.toUri().toString());
    assertThat(code).isZero();
    assertThat(seen).singleElement().satisfies(r -> assertThat(r.files()).containsExactly(a));
  }
}
