package dev.docsift.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.schemas.SchemaCatalog;
import dev.docsift.schemas.SchemaException;
import dev.docsift.slm.constrain.JsonSchemaGrammar;
import dev.docsift.slm.tokenizer.HfTokenizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The constraint replayed on real documents: the truth files of the development sets ({@code
 * data/dev/<set>/truth/*.json}, receipt sets for the receipt schema, invoice sets for the invoice
 * schema) written as compact JSON, tokenized, and fed through {@link ConstraintReplay}.
 */
final class ConstraintReplayBench {
  /** Documents of the same set whose values pad a document's page text, as a page holds more. */
  private static final int FILLER_DOCUMENTS = 4;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ConstraintReplayBench() {}

  /**
   * Prints one row per schema and mode.
   *
   * @param tokenizer the tokenizer
   * @param eos the end-of-sequence ids
   * @param devData the folder of the development sets
   * @param perSet documents taken from each set (the first ones)
   * @param repeats passes per mode, each step timed by its fastest (see {@link
   *     ConstraintReplay#run})
   * @param seed the seed of the masked logits
   * @param out where the table goes
   */
  static void print(
      HfTokenizer tokenizer,
      int[] eos,
      Path devData,
      int perSet,
      int repeats,
      long seed,
      PrintWriter out)
      throws IOException, SchemaException {
    out.printf(
        "%nconstraint replay, %d-token vocabulary, truth documents of %s (us per token: budget +"
            + " mask + check + accept; warm: the odd documents, after the even ones; each step"
            + " the fastest of %d passes)%n",
        tokenizer.size(), devData, repeats);
    out.printf(
        "%-8s %-15s %5s %6s %8s | %-30s | %-28s | %-13s | %s%n",
        "schema",
        "mode",
        "docs",
        "tokens",
        "setup ms",
        "cold (1st doc) mean/p50/p99/max",
        "warm mean/p50/p99/max",
        "create us p50/max",
        "warm: refused, exact masks: mean/max us");
    for (String schema : List.of("receipt", "invoice")) {
      List<ConstraintReplay.Document> docs = documents(tokenizer, devData, schema, perSet);
      if (docs.isEmpty()) {
        out.printf("%-8s no documents under %s%n", schema, devData);
        continue;
      }
      JsonSchemaGrammar grammar = JsonSchemaGrammar.compile(SchemaCatalog.shipped().get(schema));
      for (ConstraintReplay.Mode mode : ConstraintReplay.Mode.values()) {
        ConstraintReplay.Result r =
            ConstraintReplay.run(tokenizer, grammar, eos, docs, mode, seed, repeats);
        out.printf(
            "%-8s %-15s %5d %6d %8.0f | %-30s | %-28s | %6.0f/%-6.0f | %d, %d: %.0f/%.0f%n",
            schema,
            mode.name().toLowerCase(java.util.Locale.ROOT),
            r.documents(),
            r.warm().steps(),
            r.setupMillis(),
            format(r.cold()),
            format(r.warm()),
            r.create().p50(),
            r.create().max(),
            r.refusals(),
            r.exactMasks(),
            r.exact().mean(),
            r.exact().max());
        out.flush();
      }
    }
  }

  private static String format(ConstraintReplay.Stats s) {
    return String.format(
        java.util.Locale.ROOT, "%.1f/%.1f/%.1f/%.0f", s.mean(), s.p50(), s.p99(), s.max());
  }

  /** The truth documents of the sets for a schema, compact, tokenized, with their page text. */
  static List<ConstraintReplay.Document> documents(
      HfTokenizer tokenizer, Path devData, String schema, int perSet) throws IOException {
    String prefix = schema.equals("receipt") ? "receipts-" : schema + "s-";
    List<Path> sets;
    try (Stream<Path> s = Files.list(devData)) {
      sets =
          s.filter(p -> p.getFileName().toString().startsWith(prefix))
              .filter(p -> Files.isDirectory(p.resolve("truth")))
              .sorted()
              .toList();
    }
    List<ConstraintReplay.Document> docs = new ArrayList<>();
    for (Path set : sets) {
      List<Path> files;
      try (Stream<Path> s = Files.list(set.resolve("truth"))) {
        files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      }
      List<JsonNode> truths = new ArrayList<>();
      for (Path f : files) {
        truths.add(JSON.readTree(f.toFile()));
      }
      for (int i = 0; i < Math.min(perSet, truths.size()); i++) {
        StringBuilder page = new StringBuilder();
        for (int k = 0; k <= FILLER_DOCUMENTS && k < truths.size(); k++) {
          values(truths.get((i + k) % truths.size()), page);
        }
        int[] tokens = tokenizer.encodeText(JSON.writeValueAsString(truths.get(i)));
        docs.add(new ConstraintReplay.Document(tokens, page.toString()));
      }
    }
    return docs;
  }

  /** The scalar values of a document, one a line. */
  private static void values(JsonNode node, StringBuilder page) {
    if (node.isContainerNode()) {
      node.forEach(child -> values(child, page));
    } else if (!node.isNull()) {
      page.append(node.asText()).append('\n');
    }
  }
}
