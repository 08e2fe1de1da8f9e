package dev.docsift.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.app.cli.DocsiftCommand;
import dev.docsift.samples.SampleFiles;
import dev.docsift.samples.TextPages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TilesBenchCommandTest {
  @TempDir Path dir;

  /** A white 900 x 2,700 px page (1x3 and a thumbnail) with a line of text at each height. */
  private static void tallPage(Path file, int... ys) throws Exception {
    SampleFiles.writePng(TextPages.of(900, 2700, List.of("TOTAL         9.00"), ys), 300, file);
  }

  @Test
  void countsThePagesCutToTheirWordsAndTheTilesSaved() throws Exception {
    Path set = Files.createDirectories(dir.resolve("scans"));
    tallPage(set.resolve("top.png"), 120, 300); // cut to its words: one tile, not four
    tallPage(set.resolve("ends.png"), 120, 2600); // words at both ends: tiled whole
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        DocsiftCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(
                "bench", "tiles", set.toString(), "--ocr-cache", dir.resolve("cache").toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .containsPattern("\\S*scans\\s+2\\s+2\\s+1\\s+8\\s+5\\s+\\(37\\.5 % fewer\\)");
    assertThat(dir.resolve("cache")).isNotEmptyDirectory();
  }

  @Test
  void anUnreadableDocumentIsReportedAndFailsTheRun() throws Exception {
    Path set = Files.createDirectories(dir.resolve("set"));
    Files.writeString(set.resolve("broken.pdf"), "not a PDF");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        DocsiftCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute("bench", "tiles", set.toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("broken.pdf").contains("could not be read");
  }
}
