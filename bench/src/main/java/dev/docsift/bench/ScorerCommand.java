package dev.docsift.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.docsift.app.service.InputFiles;
import dev.docsift.core.DocsiftException;
import dev.docsift.core.eval.ValueMatch;
import dev.docsift.core.export.AtomicFiles;
import dev.docsift.core.extract.Amounts;
import dev.docsift.core.extract.HeaderNames;
import dev.docsift.core.extract.score.BoostedTrees;
import dev.docsift.core.extract.score.CandidateScorer;
import dev.docsift.core.extract.score.LogisticModel;
import dev.docsift.core.intake.IntakeOptions;
import dev.docsift.core.ocr.OcrOptions;
import dev.docsift.core.ocr.ReaderChoice;
import dev.docsift.core.pipeline.Cancellation;
import dev.docsift.core.pipeline.Outcome;
import dev.docsift.core.pipeline.Pipeline;
import dev.docsift.core.pipeline.PipelineConfig;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import dev.docsift.schemas.ValueKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code docsift bench scorer}: trains the header-name scorer on sets of documents with true data,
 * reports its accuracy cross-validated by document against the hand-written rule, and writes the
 * model and the table it was trained on.
 */
@Command(
    name = "scorer",
    mixinStandardHelpOptions = true,
    description = {
      "Trains a learned scorer (of header names, or of the amounts of a money field) on document",
      "sets with true data (SET/docs and SET/truth), cross-validated by document."
    })
public final class ScorerCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How similar a candidate must be to the true name to count as right in training. */
  private static final double POSITIVE = 0.8;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--set",
      required = true,
      paramLabel = "DIR:SCHEMA",
      description = "A set folder with docs/ and truth/, and its schema (receipt or invoice).")
  List<String> sets;

  @Option(names = "--out", paramLabel = "FILE", description = "Where to write the model.")
  Path out;

  @Option(
      names = "--table",
      paramLabel = "FILE",
      description = "Where to write the training table.")
  Path table;

  @Option(
      names = "--model",
      paramLabel = "KIND",
      defaultValue = "logistic",
      description =
          "logistic: one weight per feature; trees: gradient-boosted trees, which weigh"
              + " features together. Default: ${DEFAULT-VALUE}.")
  String modelKind;

  @Option(names = "--ocr-cache", paramLabel = "DIR", description = "OCR cache folder.")
  Path ocrCache;

  @Option(
      names = "--ocr",
      split = ",",
      defaultValue = "tesseract,ppocr",
      paramLabel = "READER",
      description =
          "The OCR readers whose readings to train on, each document once per reader (default:"
              + " ${DEFAULT-VALUE}), so the scorer holds whichever reader read the page.")
  List<String> readers;

  @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds.")
  int folds;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the fold assignment.")
  long seed;

  @Option(names = "--threads", defaultValue = "2", description = "Documents read at once.")
  int threads;

  /** A candidate: what it would write, and its features. */
  private record Proposal(String text, double[] features) {}

  /** One document's proposals and which are right. */
  private record Example(String id, String truth, boolean money, List<Proposal> proposals) {
    boolean right(Proposal p) {
      if (money) {
        return exact(p);
      }
      String a = ValueMatch.text(p.text());
      String b = ValueMatch.text(truth);
      return a.equals(b) || ValueMatch.similarity(a, b) >= POSITIVE;
    }

    boolean exact(Proposal p) {
      if (money) {
        return ValueMatch.score(
                ValueKind.MONEY, TextNode.valueOf(truth), TextNode.valueOf(p.text()))
            .exact();
      }
      return ValueMatch.text(p.text()).equals(ValueMatch.text(truth));
    }
  }

  @Option(
      names = "--field",
      defaultValue = "name",
      description =
          "What to train: name (the header name), or a money field (total, tax, subtotal).")
  String field;

  private boolean money() {
    return !field.equals("name");
  }

  private List<String> features() {
    return money() ? Amounts.FEATURES : HeaderNames.FEATURES;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter outw = spec.commandLine().getOut();
    List<Example> examples = new ArrayList<>();
    for (String set : sets) {
      int colon = set.lastIndexOf(':');
      if (colon < 0) {
        err.println("--set needs DIR:SCHEMA, e.g. data/dev/receipts-us:receipt");
        return 2;
      }
      for (String reader : readers) {
        examples.addAll(
            read(
                Path.of(set.substring(0, colon)),
                set.substring(colon + 1),
                ReaderChoice.parse(reader),
                err));
      }
    }
    List<Example> usable =
        examples.stream().filter(e -> e.proposals().stream().anyMatch(e::right)).toList();
    outw.printf(
        Locale.ROOT,
        "%d documents, %d with a right candidate (the ceiling), %d candidates%n",
        examples.size(),
        usable.size(),
        examples.stream().mapToInt(e -> e.proposals().size()).sum());
    // Cross-validation by document, grouped by the true name: no document is scored by a model
    // that saw it, nor another copy of it or another receipt of the same shop (the sets hold many).
    List<String> names =
        new ArrayList<>(
            examples.stream().map(e -> ValueMatch.text(e.truth())).distinct().sorted().toList());
    Collections.shuffle(names, new Random(seed));
    java.util.Map<String, Integer> foldOf = new java.util.HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      foldOf.put(names.get(i), i % folds);
    }
    int ruleExact = 0;
    int learnedExact = 0;
    // Per set and reader: readings, right by the rule, right by the model.
    java.util.Map<String, int[]> bySet = new java.util.TreeMap<>();
    for (int fold = 0; fold < folds; fold++) {
      List<Example> train = new ArrayList<>();
      List<Example> test = new ArrayList<>();
      for (Example e : examples) {
        (foldOf.get(ValueMatch.text(e.truth())) == fold ? test : train).add(e);
      }
      CandidateScorer model = fit(train, features());
      for (Example e : test) {
        int[] set =
            bySet.computeIfAbsent(
                e.id().substring(0, e.id().indexOf('/')) + e.id().substring(e.id().indexOf('@')),
                k -> new int[3]);
        set[0]++;
        Proposal rule = rulePick(e);
        if (rule != null && e.exact(rule)) {
          ruleExact++;
          set[1]++;
        }
        Proposal best = argmax(model, e);
        if (best != null && e.exact(best)) {
          learnedExact++;
          set[2]++;
        }
      }
    }
    outw.printf(
        Locale.ROOT,
        "exact "
            + field
            + ", %d-fold cross-validated by document, grouped by the true value: rule %.1f%%, learned %.1f%% (of %d)%n",
        folds,
        100.0 * ruleExact / examples.size(),
        100.0 * learnedExact / examples.size(),
        examples.size());
    bySet.forEach(
        (set, c) ->
            outw.printf(
                Locale.ROOT,
                "  %-36s rule %5.1f%%, learned %5.1f%% (of %d)%n",
                set,
                100.0 * c[1] / c[0],
                100.0 * c[2] / c[0],
                c[0]));
    CandidateScorer model = fit(examples, features());
    if (model instanceof LogisticModel logistic) {
      outw.println("weights (standardised features), largest first:");
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < logistic.features().size(); i++) {
        order.add(i);
      }
      order.sort(Comparator.comparingDouble(i -> -Math.abs(logistic.weights()[i])));
      for (int i : order) {
        outw.printf(
            Locale.ROOT, "  %-16s %+.3f%n", logistic.features().get(i), logistic.weights()[i]);
      }
    } else if (model instanceof BoostedTrees trees) {
      outw.println("splits per feature, most first:");
      int[] splits = new int[trees.features().size()];
      for (BoostedTrees.Tree t : trees.trees()) {
        for (int f : t.feature()) {
          if (f >= 0) {
            splits[f]++;
          }
        }
      }
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < splits.length; i++) {
        order.add(i);
      }
      order.sort(Comparator.comparingInt(i -> -splits[i]));
      for (int i : order) {
        if (splits[i] > 0) {
          outw.printf(Locale.ROOT, "  %-16s %d%n", trees.features().get(i), splits[i]);
        }
      }
    }
    if (out != null) {
      AtomicFiles.write(
          out,
          JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(model.toJson()));
      err.println("wrote " + out);
    }
    if (table != null) {
      writeTable(examples);
      err.println("wrote " + table);
    }
    outw.flush();
    return 0;
  }

  private CandidateScorer fit(List<Example> train, List<String> names) {
    List<double[]> x = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    for (Example e : train) {
      if (e.proposals().stream().noneMatch(e::right)) {
        continue; // nothing to learn from: the name was not read at all
      }
      for (Proposal p : e.proposals()) {
        x.add(p.features());
        y.add(e.right(p) ? 1 : 0);
      }
    }
    return "trees".equals(modelKind)
        ? BoostedTrees.fit(names, x, y, 120, 3, 0.1, 5)
        : LogisticModel.fit(names, x, y, 1e-3, 400);
  }

  private static Proposal argmax(CandidateScorer model, Example e) {
    return e.proposals().stream()
        .max(Comparator.comparingDouble(p -> model.score(p.features())))
        .orElse(null);
  }

  private Proposal rulePick(Example e) {
    int rule = features().indexOf("rule_pick");
    return e.proposals().stream().filter(p -> p.features()[rule] == 1).findFirst().orElse(null);
  }

  private List<Example> read(Path set, String schemaId, ReaderChoice reader, PrintWriter err)
      throws Exception {
    DocumentSchema schema = SchemaCatalog.shipped().resolve(schemaId);
    List<Path> docs = InputFiles.expand(List.of(set.resolve("docs")));
    List<Path> labelled = new ArrayList<>();
    List<String> truths = new ArrayList<>();
    for (Path d : docs) {
      String name = d.getFileName().toString();
      Path t = set.resolve("truth").resolve(name.substring(0, name.lastIndexOf('.')) + ".json");
      if (!Files.isRegularFile(t)) {
        continue;
      }
      JsonNode truth = JSON.readTree(t.toFile());
      JsonNode value =
          money()
              ? truth.path(field)
              : truth.has("company") ? truth.path("company") : truth.path("seller").path("name");
      if (value.isTextual() && !value.asText().isBlank()) {
        labelled.add(d);
        truths.add(value.asText());
      }
    }
    PipelineConfig config =
        new PipelineConfig(
            IntakeOptions.defaults(),
            OcrOptions.defaults().withReader(reader).withPoolSize(threads),
            threads);
    List<Example> out = new ArrayList<>();
    try (Pipeline pipeline = Pipeline.create(config, ocrCache)) {
      List<Outcome> outcomes =
          pipeline.processAll(labelled, schema, event -> {}, new Cancellation());
      for (int i = 0; i < outcomes.size(); i++) {
        if (outcomes.get(i) instanceof Outcome.Success s) {
          String id =
              set.getFileName() + "/" + labelled.get(i).getFileName() + "@" + reader.cliName();
          out.add(
              new Example(id, truths.get(i), money(), proposals(s.result().ocrPages(), schema)));
        } else if (outcomes.get(i) instanceof Outcome.Failure f) {
          err.println(labelled.get(i) + ": " + f.error().userMessage());
        }
      }
    } catch (DocsiftException e) {
      err.println(e.userMessage());
    }
    return out;
  }

  private List<Proposal> proposals(
      List<dev.docsift.core.model.OcrPage> pages, DocumentSchema schema) {
    if (money()) {
      return Amounts.propose(pages, schema, field).stream()
          .map(p -> new Proposal(p.amount().toPlainString(), p.features()))
          .toList();
    }
    return HeaderNames.propose(pages, schema).stream()
        .map(p -> new Proposal(p.text(), p.features()))
        .toList();
  }

  private void writeTable(List<Example> examples) throws IOException {
    StringBuilder sb = new StringBuilder("document,right," + String.join(",", features()) + "\n");
    for (Example e : examples) {
      for (Proposal p : e.proposals()) {
        sb.append(e.id()).append(',').append(e.right(p) ? 1 : 0);
        for (double v : p.features()) {
          sb.append(',').append(String.format(Locale.ROOT, "%.4f", v));
        }
        sb.append('\n');
      }
    }
    AtomicFiles.write(table, sb.toString().getBytes(StandardCharsets.UTF_8));
  }
}
