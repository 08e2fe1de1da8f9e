package dev.docsift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without the bench module on the class path, as in the installed package, {@code docsift bench}
 * says that it comes with a build from source, and exits with 2.
 */
class SourceBuildCommandTest {
  @Test
  void benchSaysItComesWithABuildFromSource() {
    for (List<String> args :
        List.of(
            List.of("bench"),
            List.of("bench", "--help"),
            List.of("bench", "decoder", "--model", "/tmp/pack"),
            List.of("bench", "--receipts", "2", "--no-cli"))) {
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(args.toString()).isEqualTo(2);
      assertThat(run.err())
          .as(args.toString())
          .contains("docsift bench is not part of this installation")
          .contains("build from source")
          .contains("./docsift bench");
      assertThat(run.out()).isEmpty();
      assertThat(run.showsStackTrace()).isFalse();
    }
  }

  @Test
  void theUsageDoesNotListIt() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("extract").contains("eval").doesNotContain("bench");
  }
}
