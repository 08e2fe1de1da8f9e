package dev.docsift.bench;

import dev.docsift.slm.decoder.ExecutionProvider;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --ep}, the execution provider a benchmark runs the graphs on (a picocli mixin). */
final class ProviderOption {
  @Option(
      names = "--ep",
      defaultValue = "auto",
      description =
          "Execution provider: auto, cpu, coreml, directml, cuda. Default: ${DEFAULT-VALUE}.")
  String ep;

  /**
   * The provider asked for.
   *
   * @param err where an unknown name is explained
   * @return the provider, or empty after the explanation was written (exit code 2)
   */
  Optional<ExecutionProvider> parse(PrintWriter err) {
    try {
      return Optional.of(ExecutionProvider.parse(ep));
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return Optional.empty();
    }
  }
}
