package dev.docsift.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.app.cli.CommandPlugin;
import dev.docsift.app.cli.DocsiftCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** With the bench module on the class path, {@code docsift bench} and its subcommands are there. */
class BenchPluginTest {
  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        DocsiftCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void theServiceLoaderFindsIt() {
    assertThat(ServiceLoader.load(CommandPlugin.class).stream())
        .anySatisfy(p -> assertThat(p.type()).isEqualTo(BenchPlugin.class));
  }

  @Test
  void theUsageListsBench() {
    Run run = run("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("bench").contains("Measures speed and accuracy");
  }

  @Test
  void benchAndItsSubcommandsTakeTheirOptions() {
    Run bench = run("bench", "--help");
    assertThat(bench.exitCode()).as(bench.err()).isZero();
    assertThat(bench.out())
        .contains("--receipts", "--invoices", "--threads", "--no-cli", "--details")
        .contains("decoder", "page", "scorer", "tiles")
        .doesNotContain("not part of this installation");
    assertThat(run("bench", "decoder", "--help").out()).contains("--model", "--ep");
    assertThat(run("bench", "page", "--help").out()).contains("--model", "--max-new-tokens");
    assertThat(run("bench", "scorer", "--help").exitCode()).isZero();
  }

  @Test
  void badArgumentsAreUsageErrorsOfBenchItself() {
    Run run = run("bench", "--receipts", "0", "--invoices", "0");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("at least one document");
  }
}
