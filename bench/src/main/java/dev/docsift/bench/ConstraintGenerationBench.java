package dev.docsift.bench;

import dev.docsift.schemas.SchemaCatalog;
import dev.docsift.schemas.SchemaException;
import dev.docsift.slm.constrain.ConstraintBenchmark;
import dev.docsift.slm.constrain.ConstraintFactory;
import dev.docsift.slm.constrain.JsonSchemaGrammar;
import dev.docsift.slm.decoder.DecoderException;
import dev.docsift.slm.decoder.DecoderSession;
import dev.docsift.slm.decoder.GenerationConfig;
import dev.docsift.slm.decoder.GenerationHooks;
import dev.docsift.slm.decoder.GenerationResult;
import dev.docsift.slm.decoder.Generator;
import dev.docsift.slm.pack.ModelPack;
import dev.docsift.slm.tokenizer.HfTokenizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** The schema constraint's part of {@code docsift bench decoder}. */
final class ConstraintGenerationBench {
  private static final String CONSTRAINT_SCHEMA = "receipt";
  private static final int CONSTRAINT_STEPS = 20_000;
  private static final int CONSTRAINED_TOKENS = 256;
  private static final int CONSTRAINED_RUNS = 5;
  private static final int CONSTRAINED_PROMPT = 64;
  private static final int CONSTRAINT_REPLAY_REPEATS = 3;

  private final int newTokens;
  private final long seed;
  private final Path devData;
  private final int constraintDocuments;
  private final boolean warmUpConstraint;
  private final PrintWriter out;
  private final PrintWriter err;

  /**
   * @param newTokens the decoder benchmark's new tokens (a generation writes at least 256)
   * @param seed the random seed
   * @param devData the development sets for the replay
   * @param constraintDocuments documents per set for the replay; 0 skips it
   * @param warmUpConstraint whether to warm the factory up before the first generation
   */
  ConstraintGenerationBench(
      int newTokens,
      long seed,
      Path devData,
      int constraintDocuments,
      boolean warmUpConstraint,
      PrintWriter out,
      PrintWriter err) {
    this.newTokens = newTokens;
    this.seed = seed;
    this.devData = devData;
    this.constraintDocuments = constraintDocuments;
    this.warmUpConstraint = warmUpConstraint;
    this.out = out;
    this.err = err;
  }

  /**
   * Constrained generation with the pack's tokenizer and the shipped receipt schema: the mask and
   * accept time per token inside a real generation, then the constraint alone on the pack's whole
   * vocabulary with random logits (the figure that does not depend on the model), then replayed on
   * real documents ({@link ConstraintReplayBench}).
   */
  void run(ModelPack pack, DecoderSession session, int[] prompt) throws DecoderException {
    try (HfTokenizer tokenizer = HfTokenizer.load(pack.paths().tokenizer())) {
      JsonSchemaGrammar grammar =
          JsonSchemaGrammar.compile(SchemaCatalog.shipped().get(CONSTRAINT_SCHEMA));
      int[] eos = pack.manifest().tokens().eosIds().stream().mapToInt(Integer::intValue).toArray();
      long f0 = System.nanoTime();
      ConstraintFactory factory = new ConstraintFactory(grammar, tokenizer, eos);
      long f1 = System.nanoTime();
      if (warmUpConstraint) {
        factory.warmUp();
        out.printf(
            Locale.ROOT,
            "constraint factory: built in %.0f ms, warmed up in %.0f ms%n",
            (f1 - f0) / 1e6,
            (System.nanoTime() - f1) / 1e6);
      } else {
        out.printf(Locale.ROOT, "constraint factory: built in %.0f ms%n", (f1 - f0) / 1e6);
      }
      // Room for a whole document: a budget too small for the schema's shortest one is a dead end.
      GenerationConfig config =
          GenerationConfig.greedy(
              Math.max(newTokens, CONSTRAINED_TOKENS), pack.manifest().tokens().eosIds());
      // The constraint's cost does not depend on the context: a short prompt keeps the runs quick.
      int[] head = Arrays.copyOf(prompt, Math.min(prompt.length, CONSTRAINED_PROMPT));
      // The first generation runs the constraint's code before the JIT has compiled it, and fills
      // the factory's mask caches; later ones, each with a fresh constraint from the same factory,
      // show what every document after the first pays.
      GenerationResult first = null;
      GenerationResult last = null;
      for (int i = 0; i < CONSTRAINED_RUNS; i++) {
        last =
            new Generator(session)
                .generate(head, config, GenerationHooks.NONE.withConstraint(factory.create()));
        first = first == null ? last : first;
      }
      out.printf(
          Locale.ROOT,
          "constrained generation (%s schema): %d tokens, %s; mask+accept %.1f us/token in the"
              + " first (slowest step %.0f us), %.1f in the %dth (slowest %.0f us)%n",
          CONSTRAINT_SCHEMA,
          last.tokenIds().length,
          last.stopReason().name().toLowerCase(Locale.ROOT),
          first.timings().constraintMicrosPerToken(),
          first.timings().constraintMaxMicros(),
          last.timings().constraintMicrosPerToken(),
          CONSTRAINED_RUNS,
          last.timings().constraintMaxMicros());
      ConstraintBenchmark.Result alone =
          ConstraintBenchmark.run(tokenizer, grammar, eos, CONSTRAINT_STEPS, seed);
      out.printf(
          "constraint alone, %d-token vocabulary, random logits: %.1f us/token (setup %.0f ms)%n",
          tokenizer.size(), alone.meanMicrosPerToken(), alone.setupMillis());
      if (constraintDocuments > 0) {
        if (Files.isDirectory(devData)) {
          ConstraintReplayBench.print(
              tokenizer, eos, devData, constraintDocuments, CONSTRAINT_REPLAY_REPEATS, seed, out);
        } else {
          err.println("constraint replay skipped: no development sets at " + devData);
        }
      }
    } catch (IOException | SchemaException | IllegalArgumentException e) {
      err.println("constraint benchmark skipped: " + e.getMessage());
    }
  }
}
