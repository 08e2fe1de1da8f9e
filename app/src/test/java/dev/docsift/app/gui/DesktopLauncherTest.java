package dev.docsift.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.app.cli.DocsiftCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a display the window says what to do instead; the command names the window. */
class DesktopLauncherTest {
  @Test
  void withoutADisplayTheWindowExplainsItself() {
    assertThat(DesktopLauncher.displayProblem(Map.of(), "Linux", null))
        .get()
        .asString()
        .contains("needs a display", "docsift extract");
    assertThat(DesktopLauncher.displayProblem(Map.of("DISPLAY", ":0"), "Linux", null)).isEmpty();
    assertThat(DesktopLauncher.displayProblem(Map.of("WAYLAND_DISPLAY", "w"), "Linux", null))
        .isEmpty();
    assertThat(DesktopLauncher.displayProblem(Map.of(), "Mac OS X", null)).isEmpty();
    assertThat(DesktopLauncher.displayProblem(Map.of(), "Windows 11", null)).isEmpty();
    assertThat(DesktopLauncher.displayProblem(Map.of(), "Linux", "Monocle")).isEmpty();
  }

  @Test
  void theGuiCommandOpensTheWindowThroughItsLauncher() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] seen = new String[2];
    int code =
        DocsiftCommand.commandLine(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                (request, e) -> {
                  seen[0] = request.files().toString();
                  seen[1] = request.schema() + " " + request.screenshot();
                  return 0;
                })
            .execute("gui", "a.pdf", "b.png", "--schema", "invoice");
    assertThat(code).isZero();
    assertThat(seen[0]).isEqualTo("[a.pdf, b.png]");
    assertThat(seen[1]).isEqualTo("invoice null");

    StringWriter help = new StringWriter();
    DocsiftCommand.commandLine(new PrintWriter(help, true), new PrintWriter(err, true))
        .execute("--help");
    assertThat(help.toString()).contains("gui", "desktop window");
  }
}
