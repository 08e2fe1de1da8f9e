package dev.docsift.bench;

import dev.docsift.schemas.SchemaException;
import dev.docsift.slm.tokenizer.HfTokenizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code docsift bench constraint --tokenizer tokenizer.json}: the schema constraint alone,
 * replayed on the development sets' truth documents, without a model pack (any Hugging Face
 * tokenizer).
 */
@Command(
    name = "constraint",
    mixinStandardHelpOptions = true,
    description = "Measures the JSON schema constraint on real documents, per token.")
public final class ConstraintBenchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--tokenizer",
      required = true,
      paramLabel = "FILE",
      description = "A Hugging Face tokenizer.json.")
  Path tokenizer;

  @Option(
      names = "--eos",
      split = ",",
      description = "End-of-sequence ids. Default: the tokenizer's last id.")
  List<Integer> eos;

  @Option(
      names = "--dev-data",
      defaultValue = "../shared/data/dev",
      paramLabel = "DIR",
      description = "The development sets. Default: ${DEFAULT-VALUE}.")
  Path devData;

  @Option(
      names = "--documents",
      defaultValue = "10",
      description = "Documents per set. Default: ${DEFAULT-VALUE}.")
  int documents;

  @Option(
      names = "--repeats",
      defaultValue = "3",
      description =
          "Passes per mode, each on a fresh factory; each step counts its fastest."
              + " Default: ${DEFAULT-VALUE}.")
  int repeats;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the masked logits.")
  long seed;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (HfTokenizer tok = HfTokenizer.load(tokenizer)) {
      int[] ids =
          eos == null || eos.isEmpty()
              ? new int[] {tok.size() - 1}
              : eos.stream().mapToInt(Integer::intValue).toArray();
      ConstraintReplayBench.print(tok, ids, devData, documents, repeats, seed, out);
    } catch (IOException | SchemaException | IllegalArgumentException e) {
      err.println("constraint benchmark failed: " + e.getMessage());
      return 1;
    }
    out.flush();
    return 0;
  }
}
