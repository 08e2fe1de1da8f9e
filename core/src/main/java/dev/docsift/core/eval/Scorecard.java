package dev.docsift.core.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.docsift.schemas.FieldSpec;
import dev.docsift.schemas.ValueKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tallies extracted data against true data, field by field, over many documents. A field the truth
 * leaves out or sets to {@code null} is not labelled and not scored. Arrays of objects (line items)
 * are paired with the truth's by best assignment, and their fields tallied under one path with
 * {@code *} for the index ({@code /items/ * /amount}, without the spaces).
 *
 * <p>Thread-safe: documents may be added from several threads.
 */
public final class Scorecard {
  private final List<FieldSpec> fields;
  private final Map<String, Counts> counts = new LinkedHashMap<>();
  private final List<EvalReport.Miss> misses = new ArrayList<>();
  private final List<EvalReport.DocumentScore> documents = new ArrayList<>();

  /**
   * A scorecard for one schema.
   *
   * @param fields the schema's top-level fields, in order
   */
  public Scorecard(List<FieldSpec> fields) {
    this.fields = List.copyOf(fields);
    for (FieldSpec f : fields) {
      register("", f);
    }
  }

  /**
   * Lists the leaves in schema order, so the report keeps it; paths as {@link #walk} makes them.
   */
  private void register(String prefix, FieldSpec f) {
    String path = prefix + "/" + f.name();
    if (f.children().isEmpty()) {
      counts.put(path, new Counts(f.kind(), prefix.contains("*")));
      return;
    }
    String childPrefix = f.kind() == ValueKind.TABLE ? path + "/*" : path;
    for (FieldSpec c : f.children()) {
      register(childPrefix, c);
    }
  }

  /**
   * Adds one document that was extracted.
   *
   * @param document its name, for the misses
   * @param truth the true data
   * @param found the extracted data
   * @param ocrLines the OCR text of its pages, a line per entry; empty when not known
   */
  public void add(String document, JsonNode truth, JsonNode found, List<String> ocrLines) {
    DocumentContext context = new DocumentContext(document, ocrLines);
    synchronized (this) {
      for (FieldSpec f : fields) {
        walk("", f, truth.path(f.name()), found.path(f.name()), context);
      }
      documents.add(new EvalReport.DocumentScore(document, context.labelled, context.exact, null));
    }
  }

  /**
   * Adds one document that could not be extracted: every labelled field is missed.
   *
   * @param document its name
   * @param truth the true data
   * @param error why it failed, with its code
   */
  public void failed(String document, JsonNode truth, String error) {
    DocumentContext context = new DocumentContext(document, List.of());
    context.failure = error;
    synchronized (this) {
      for (FieldSpec f : fields) {
        walk("", f, truth.path(f.name()), MissingNode.getInstance(), context);
      }
      documents.add(new EvalReport.DocumentScore(document, context.labelled, 0, error));
    }
  }

  private void walk(String prefix, FieldSpec f, JsonNode truth, JsonNode found, DocumentContext c) {
    if (truth == null || truth.isMissingNode() || truth.isNull()) {
      return;
    }
    String path = prefix + "/" + f.name();
    if (f.kind() == ValueKind.TABLE || (truth.isArray() && !f.children().isEmpty())) {
      table(path, f, truth, found, c);
    } else if (!f.children().isEmpty()) {
      for (FieldSpec child : f.children()) {
        walk(path, child, truth.path(child.name()), found.path(child.name()), c);
      }
    } else {
      leaf(path, f.kind(), truth, found, c);
    }
  }

  private void table(String path, FieldSpec f, JsonNode truth, JsonNode found, DocumentContext c) {
    int rows = truth.size();
    int cols = found.isArray() ? found.size() : 0;
    double[][] score = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        score[i][j] = itemSimilarity(f, truth.get(i), found.get(j));
      }
    }
    int[] pairs = Assignment.maximise(score);
    for (int i = 0; i < rows; i++) {
      JsonNode match =
          pairs[i] >= 0 && score[i][pairs[i]] > 0 ? found.get(pairs[i]) : MissingNode.getInstance();
      for (FieldSpec child : f.children()) {
        walk(path + "/*", child, truth.get(i).path(child.name()), match.path(child.name()), c);
      }
    }
  }

  private static double itemSimilarity(FieldSpec f, JsonNode truth, JsonNode found) {
    double sum = 0;
    int n = 0;
    for (FieldSpec child : f.children()) {
      JsonNode t = truth.path(child.name());
      if (t.isMissingNode() || t.isNull() || !child.children().isEmpty()) {
        continue;
      }
      sum += ValueMatch.score(child.kind(), t, found.path(child.name())).similarity();
      n++;
    }
    return n == 0 ? 0 : sum / n;
  }

  private void leaf(
      String path, ValueKind kind, JsonNode truth, JsonNode found, DocumentContext c) {
    Counts tally = counts.computeIfAbsent(path, p -> new Counts(kind, p.contains("*")));
    ValueMatch.Score score = ValueMatch.score(kind, truth, found);
    boolean present = found != null && !found.isMissingNode() && !found.isNull();
    tally.labelled++;
    c.labelled++;
    if (present) {
      tally.found++;
    }
    if (score.exact()) {
      tally.exact++;
      c.exact++;
    }
    tally.similarity += score.similarity();
    if (!c.lines.isEmpty()) {
      Boolean inText = TextCeiling.occurs(kind, truth.asText(), c.compactText);
      if (inText != null) {
        tally.ceilingChecked++;
        if (inText) {
          tally.inText++;
        }
      }
    }
    if (!score.exact()) {
      misses.add(
          new EvalReport.Miss(
              c.document,
              path,
              truth.asText(),
              present ? found.asText() : null,
              score.similarity(),
              c.failure != null
                  ? c.failure
                  : c.context(truth.asText(), present ? found.asText() : null)));
    }
  }

  /**
   * The report so far.
   *
   * @param worstMisses how many misses to keep, the least similar first
   * @return the report
   */
  public synchronized EvalReport report(int worstMisses) {
    List<EvalReport.FieldScore> scores = new ArrayList<>();
    counts.forEach(
        (path, t) ->
            scores.add(
                new EvalReport.FieldScore(
                    path,
                    t.kind.keyword(),
                    t.item,
                    t.labelled,
                    t.found,
                    t.exact,
                    t.labelled == 0 ? 0 : t.similarity / t.labelled,
                    t.ceilingChecked,
                    t.inText)));
    List<EvalReport.Miss> worst =
        misses.stream()
            .sorted(
                Comparator.comparingDouble(EvalReport.Miss::similarity)
                    .thenComparing(EvalReport.Miss::document)
                    .thenComparing(EvalReport.Miss::path))
            .limit(Math.max(0, worstMisses))
            .toList();
    List<EvalReport.DocumentScore> docs =
        documents.stream()
            .sorted(Comparator.comparing(EvalReport.DocumentScore::document))
            .toList();
    return new EvalReport(scores, docs, worst);
  }

  private static final class Counts {
    final ValueKind kind;
    final boolean item;
    int labelled;
    int found;
    int exact;
    double similarity;
    int ceilingChecked;
    int inText;

    Counts(ValueKind kind, boolean item) {
      this.kind = kind;
      this.item = item;
    }
  }

  /** What one document contributes, and its OCR text for the misses' context. */
  private static final class DocumentContext {
    final String document;
    final List<String> lines;
    final String compactText;
    int labelled;
    int exact;
    String failure;

    DocumentContext(String document, List<String> lines) {
      this.document = document;
      this.lines = lines;
      this.compactText = ValueMatch.text(String.join("\n", lines));
    }

    /** The OCR line most like the expected value, and the one the found value came from. */
    String context(String expected, String found) {
      if (lines.isEmpty()) {
        return null;
      }
      String best = bestLine(expected);
      String from = found == null ? null : bestLine(found);
      if (from == null || from.equals(best)) {
        return best;
      }
      return best + "  |  found in: " + from;
    }

    private String bestLine(String value) {
      String v = ValueMatch.text(value);
      String best = null;
      double bestScore = -1;
      for (String line : lines) {
        String l = ValueMatch.text(line);
        double s = l.contains(v) ? 2 : ValueMatch.similarity(v, l);
        if (s > bestScore) {
          bestScore = s;
          best = line;
        }
      }
      return best;
    }
  }
}
