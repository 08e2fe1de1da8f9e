package dev.docsift.bench;

import dev.docsift.app.cli.PeakMemory;
import dev.docsift.slm.decoder.DecoderException;
import dev.docsift.slm.decoder.DecoderSession;
import dev.docsift.slm.decoder.DecoderSpec;
import dev.docsift.slm.decoder.ExecutionProvider;
import dev.docsift.slm.decoder.GenerationConfig;
import dev.docsift.slm.decoder.GenerationTimings;
import dev.docsift.slm.decoder.Generator;
import dev.docsift.slm.decoder.KvCache;
import dev.docsift.slm.decoder.OptimizationLevel;
import dev.docsift.slm.decoder.RuntimeOptions;
import dev.docsift.slm.pack.ModelPack;
import dev.docsift.slm.pack.PackException;
import dev.docsift.slm.pack.PackManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code docsift bench decoder --model PACK}: load time, prefill and decode speed, the Java loop's
 * overhead over {@code OrtSession.run}, peak RSS, and the decoder's achieved weight bandwidth
 * against the machine's memory bandwidth.
 */
@Command(
    name = "decoder",
    mixinStandardHelpOptions = true,
    description = "Measures the SLM decoder of a model pack: load, prefill, decode, bandwidth.")
public final class DecoderBenchCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "PACK", description = "Pack folder.")
  Path model;

  @Option(
      names = "--prompt-tokens",
      defaultValue = "512",
      description = "Prompt length (cut to fit the context). Default: ${DEFAULT-VALUE}.")
  int promptTokens;

  @Option(
      names = "--new-tokens",
      defaultValue = "128",
      description = "Greedy tokens to decode. Default: ${DEFAULT-VALUE}.")
  int newTokens;

  @CommandLine.Mixin ProviderOption providerOption;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "ONNX Runtime intra-op threads, 0 for one per core. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(
      names = "--runs",
      defaultValue = "3",
      description = "Generations per measurement; the fastest counts. Default: ${DEFAULT-VALUE}.")
  int runs;

  @Option(
      names = "--bandwidth-mib",
      defaultValue = "1024",
      description = "Size of the array of the memory read test. Default: ${DEFAULT-VALUE}.")
  int bandwidthMib;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the random prompt.")
  long seed;

  @Option(
      names = "--dev-data",
      defaultValue = "../shared/data/dev",
      paramLabel = "DIR",
      description =
          "The development sets whose truth documents the constraint is replayed on."
              + " Default: ${DEFAULT-VALUE}.")
  Path devData;

  @Option(
      names = "--constraint-documents",
      defaultValue = "10",
      description = "Documents per development set for the constraint replay; 0 skips it.")
  int constraintDocuments;

  @Option(
      names = "--warm-up-constraint",
      description =
          "Warm the constraint up before the first constrained generation, as the slm engine does"
              + " while a document is read, and print what that took.")
  boolean warmUpConstraint;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (promptTokens < 1 || newTokens < 1 || runs < 1 || threads < 0 || bandwidthMib < 1) {
      err.println("Prompt tokens, new tokens, runs and bandwidth size must be 1 or more.");
      return 2;
    }
    ExecutionProvider provider = providerOption.parse(err).orElse(null);
    if (provider == null) {
      return 2;
    }
    ModelPack pack;
    long verifyStart = System.nanoTime();
    try {
      pack = ModelPack.open(model, ModelPack.Verification.SKIP_GRAPHS);
    } catch (PackException e) {
      err.println(e.userMessage());
      return 1;
    }
    long verifyNanos = System.nanoTime() - verifyStart;
    DecoderSpec dspec = pack.manifest().decoder();
    int promptLength = Math.min(promptTokens, dspec.maxContext() - newTokens);
    if (promptLength < 1) {
      err.println("--new-tokens leaves no room for a prompt in a context of " + dspec.maxContext());
      return 2;
    }
    RuntimeOptions options = new RuntimeOptions(provider, threads, 0, OptimizationLevel.ALL, true);
    List<Path> weightFiles = decoderWeightFiles(pack);
    long weightBytes = 0;
    for (Path p : weightFiles) {
      weightBytes += Files.size(p);
    }

    out.printf(
        "docsift bench decoder: %s (%s, %s), %d cores, Java %s%n",
        pack.name(),
        pack.manifest().family().json(),
        pack.manifest().weightType().json(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    out.printf(
        "decoder: %d layers, hidden %d, %d/%d heads, head size %d, vocab %d%n",
        dspec.layers(),
        dspec.hidden(),
        dspec.attentionHeads(),
        dspec.kvHeads(),
        dspec.headSize(),
        dspec.vocabSize());
    out.printf("pack verify (sha256): %.1f ms%n", verifyNanos / 1e6);
    out.flush();

    long loadStart = System.nanoTime();
    try (DecoderSession session =
        DecoderSession.open(pack.paths().embedTokens(), pack.paths().decoder(), dspec, options)) {
      long loadNanos = System.nanoTime() - loadStart;
      out.printf("load (graphs): %.1f ms on %s%n", loadNanos / 1e6, session.provider().name());
      session.provider().warning().ifPresent(w -> out.println("warning: " + w));

      int[] prompt = randomPrompt(dspec.vocabSize(), promptLength, seed);
      GenerationConfig config = GenerationConfig.greedy(newTokens, List.of()); // never stops early
      // Warm-up: the first runs allocate ONNX Runtime's arenas and let the JIT compile the loop.
      new Generator(session).generate(randomPrompt(dspec.vocabSize(), 16, seed + 1), config);

      out.printf(
          "%nprompt %d tokens, %d greedy tokens, best of %d%n", promptLength, newTokens, runs);
      out.printf(
          "%-13s %12s %12s %14s %14s %10s%n",
          "kv cache", "prefill t/s", "decode t/s", "run us/token", "java us/token", "java/run");
      GenerationTimings feed = null; // the default strategy's, for the bandwidth figure
      for (KvCache.Strategy strategy : session.strategies()) {
        GenerationTimings best = measure(new Generator(session, strategy), prompt, config);
        if (feed == null) {
          feed = best;
        }
        out.printf(
            "%-13s %12.1f %12.1f %14.1f %14.1f %9.1f%%%n",
            strategy.name().toLowerCase(java.util.Locale.ROOT),
            best.prefillTokensPerSecond(),
            best.decodeTokensPerSecond(),
            best.decodeSteps() == 0 ? 0 : best.sessionRunNanos() / 1e3 / best.decodeSteps(),
            best.javaOverheadMicrosPerStep(),
            100 * best.javaOverheadShare());
        out.flush();
      }

      // Read before the constrained generations, whose longer context and tries are not the
      // measured prompt's, and before the copy test, whose two large arrays would dominate it.
      long peakRss = PeakMemory.peakRssBytes().orElse(-1);
      new ConstraintGenerationBench(
              newTokens, seed, devData, constraintDocuments, warmUpConstraint, out, err)
          .run(pack, session, prompt);

      out.println();
      out.printf(
          "decoder weights read per token: %.1f MiB (%s)%n",
          weightBytes / (1024.0 * 1024.0),
          weightFiles.stream()
              .map(p -> p.getFileName().toString())
              .collect(Collectors.joining(", ")));
      double achieved = feed.decodeTokensPerSecond() * weightBytes / 1e9;
      out.printf("achieved weight bandwidth: %.2f GB/s (decode t/s x weight bytes)%n", achieved);
      if (peakRss >= 0) {
        out.printf("peak RSS after decoding: %d MiB%n", peakRss / (1024 * 1024));
      }
      double machine = readBandwidthGbPerSecond(bandwidthMib, err);
      if (machine > 0) {
        out.printf(
            "memory read bandwidth (%d threads summing a %d MiB array, best of 5): %.2f GB/s%n",
            Runtime.getRuntime().availableProcessors(), bandwidthMib, machine);
        out.printf("achieved / memory bandwidth: %.1f%%%n", 100 * achieved / machine);
      }
    } catch (DecoderException e) {
      err.println(e.userMessage());
      return 1;
    }
    out.flush();
    return 0;
  }

  private GenerationTimings measure(Generator generator, int[] prompt, GenerationConfig config)
      throws DecoderException {
    GenerationTimings best = null;
    for (int i = 0; i < runs; i++) {
      GenerationTimings t = generator.generate(prompt, config).timings();
      if (best == null || t.decodeNanos() < best.decodeNanos()) {
        best = t;
      }
    }
    return best;
  }

  private static int[] randomPrompt(int vocab, int length, long seed) {
    Random random = new Random(seed);
    int[] ids = new int[length];
    for (int i = 0; i < length; i++) {
      ids[i] = random.nextInt(vocab);
    }
    return ids;
  }

  /**
   * The decoder graph and its external data: files beside it whose names start with the graph's
   * name without {@code .onnx} ({@code decoder.onnx.data}, {@code decoder.onnx_data}, …) and that
   * pack.json does not list under another role.
   */
  static List<Path> decoderWeightFiles(ModelPack pack) throws IOException {
    Path graph = pack.paths().decoder();
    String name = graph.getFileName().toString();
    String stem = name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
    Set<Path> otherRoles =
        pack.manifest().files().entrySet().stream()
            .filter(e -> !e.getKey().startsWith(PackManifest.DECODER)) // decoder_data is its own
            .map(e -> pack.folder().resolve(e.getValue().path()).normalize())
            .collect(Collectors.toSet());
    List<Path> files = new ArrayList<>();
    files.add(graph);
    try (Stream<Path> siblings = Files.list(graph.getParent())) {
      siblings
          .filter(Files::isRegularFile)
          .filter(p -> !p.equals(graph) && !otherRoles.contains(p.normalize()))
          .filter(p -> p.getFileName().toString().startsWith(stem))
          .filter(p -> !p.getFileName().toString().endsWith(".onnx"))
          .sorted()
          .forEach(files::add);
    }
    return files;
  }

  /**
   * Read bandwidth of this machine, the figure decoding is bound by: one thread per core each
   * summing its share of one large array (the JIT vectorises the sum), best of 5 after a warm-up. A
   * single-threaded copy understates it: ONNX Runtime reads weights from every core at once.
   */
  static double readBandwidthGbPerSecond(int mib, PrintWriter err) {
    int n = (int) Math.min(Integer.MAX_VALUE - 8, mib * 1024L * 1024L / Long.BYTES);
    long[] data;
    try {
      data = new long[n];
    } catch (OutOfMemoryError e) {
      err.println("Not enough heap for the memory bandwidth test; try a smaller --bandwidth-mib.");
      return 0;
    }
    for (int i = 0; i < n; i++) {
      data[i] = i; // touch every page before timing
    }
    int threads = Runtime.getRuntime().availableProcessors();
    long best = Long.MAX_VALUE;
    long check = 0;
    for (int round = 0; round < 6; round++) { // round 0 warms up the JIT
      long[] sums = new long[threads];
      Thread[] workers = new Thread[threads];
      long start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        int from = (int) ((long) n * t / threads);
        int to = (int) ((long) n * (t + 1) / threads);
        int slot = t;
        workers[t] = new Thread(() -> sums[slot] = sum(data, from, to));
        workers[t].start();
      }
      for (Thread w : workers) {
        try {
          w.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return 0;
        }
      }
      long elapsed = System.nanoTime() - start;
      check = java.util.Arrays.stream(sums).sum();
      if (round > 0) {
        best = Math.min(best, elapsed);
      }
    }
    if (check != (long) n * (n - 1) / 2) {
      throw new IllegalStateException("bandwidth test summed wrongly");
    }
    return (double) n * Long.BYTES / best;
  }

  private static long sum(long[] data, int from, int to) {
    long s = 0;
    for (int i = from; i < to; i++) {
      s += data[i];
    }
    return s;
  }
}
