package dev.docsift.core.extract;

import dev.docsift.core.extract.score.CandidateScorer;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.FieldSpec;
import dev.docsift.schemas.ValueKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Proposes and scores every amount of money printed in a document as the value of one money field
 * (the total, the tax): each is described by its row's labels (the field's own, another field's, a
 * stop such as {@code Change} or {@code Rounding}), where it stands, how it compares with the other
 * amounts, and what the hand-written rule picks; a learned {@link CandidateScorer} per field
 * ({@code amount-scorer-NAME.json}) picks the likeliest. Without a model, the rule decides.
 *
 * <p>Stateless and thread-safe.
 */
public final class Amounts {
  /** The features, in the order the models take them. */
  public static final List<String> FEATURES =
      List.of(
          "own_label",
          "own_label_quality",
          "own_label_before",
          "own_label_above",
          "other_field_label",
          "stop_label",
          "summary_label",
          "largest",
          "rank",
          "ratio_to_largest",
          "repeats",
          "position",
          "from_bottom",
          "height",
          "rightmost",
          "in_table",
          "percent",
          "currency_mark",
          "negative",
          "rule_pick",
          "after_rule_pick",
          "last_own_label",
          "largest_own_label",
          "own_label_and_largest",
          "tender_line",
          "change_line",
          "rounding_line",
          "tender_less_change",
          "after_rounding");

  /** Below this score the model's best amount is not taken: a field left out beats a wrong one. */
  static final double MIN_SCORE = 0.35;

  /**
   * The least score of an amount without the field's label beside or above it: OCR often loses a
   * total's label on real receipts, so such an amount is taken, but only on firmer evidence (0.5
   * measured better than 0.35 and 0.8 on the dev sets' totals and taxes).
   */
  static final double MIN_UNLABELLED_SCORE = 0.5;

  private static final Map<String, Optional<CandidateScorer>> MODELS = new ConcurrentHashMap<>();

  private Amounts() {}

  /** The resource of a field's model. */
  public static String model(String field) {
    return "/dev/docsift/core/extract/amount-scorer-" + field + ".json";
  }

  private static Optional<CandidateScorer> modelFor(FieldSpec f) {
    return MODELS.computeIfAbsent(f.name(), n -> CandidateScorer.resource(model(n), FEATURES));
  }

  /**
   * A proposed amount.
   *
   * @param amount the amount
   * @param features its features, in {@link #FEATURES} order
   */
  public record Proposal(BigDecimal amount, double[] features) {}

  /**
   * Proposes the amounts of a document for a field, for training and measuring the scorer.
   *
   * @param pages the pages as OCR read them
   * @param schema the schema
   * @param field the name of a top-level money field
   * @return the candidates in reading order, empty when the schema has no such money field
   */
  public static List<Proposal> propose(List<OcrPage> pages, DocumentSchema schema, String field) {
    Optional<FieldSpec> f = schema.field(field).filter(x -> x.kind() == ValueKind.MONEY);
    if (f.isEmpty()) {
      return List.of();
    }
    Doc doc = Doc.of(pages, schema);
    return candidates(f.get(), doc).stream()
        .map(c -> new Proposal(c.amount(), c.features()))
        .toList();
  }

  /**
   * An amount with its words and features.
   *
   * @param reading the hand-written rule's reading when this is the amount it picks (with all the
   *     words it was read from, "1.234,50 EUR"), else null
   */
  record AmountCandidate(
      BigDecimal amount, Row row, List<OcrWord> words, double[] features, Candidate reading) {}

  /** Whether a learned model scores this field. */
  static boolean learned(FieldSpec f) {
    return f.kind() == ValueKind.MONEY && modelFor(f).isPresent();
  }

  /**
   * The model's pick for a field.
   *
   * @param f a money field with a model
   * @param doc the document
   * @return the value, or empty when no amount scores well enough
   */
  static Optional<Candidate> best(FieldSpec f, Doc doc) {
    CandidateScorer model = modelFor(f).orElseThrow();
    AmountCandidate best = null;
    double bestScore = MIN_SCORE;
    int own = FEATURES.indexOf("own_label");
    int above = FEATURES.indexOf("own_label_above");
    List<AmountCandidate> all = candidates(f, doc);
    if (f.name().equals("total")) {
      // The assignment: a total the till's arithmetic confirms (tendered less change, or what is
      // left after the rounding line), under a total's label, beats one the scorer merely likes.
      int balances = FEATURES.indexOf("tender_less_change");
      int rounds = FEATURES.indexOf("after_rounding");
      List<AmountCandidate> confirmed =
          all.stream()
              .filter(c -> c.features()[own] == 1 || c.features()[above] == 1)
              .filter(c -> c.features()[balances] == 1 || c.features()[rounds] == 1)
              .filter(c -> !paymentLine(c))
              .toList();
      if (!confirmed.isEmpty()) {
        all = confirmed;
      }
    }
    for (AmountCandidate c : all) {
      double s = model.score(c.features());
      boolean labelled = c.features()[own] == 1 || c.features()[above] == 1;
      // An amount no label of the field announces must be a sure pick: a lone line's price is
      // no total.
      if (!labelled && s < MIN_UNLABELLED_SCORE) {
        continue;
      }
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    if (best.reading() != null) {
      return Optional.of(best.reading());
    }
    BigDecimal two = best.amount().setScale(2, RoundingMode.HALF_UP);
    double score = bestScore;
    AmountCandidate pick = best;
    return ValueReader.json(f, two.toPlainString(), two)
        .map(v -> Candidate.of(v, pick.words(), pick.row().page(), Math.min(1, 0.5 + score / 2)));
  }

  /** Whether a candidate stands on a tender, change or rounding line. */
  private static boolean paymentLine(AmountCandidate c) {
    return c.features()[TENDER_LINE] == 1
        || c.features()[CHANGE_LINE] == 1
        || c.features()[ROUNDING_LINE] == 1;
  }

  private static final int TENDER_LINE = FEATURES.indexOf("tender_line");
  private static final int CHANGE_LINE = FEATURES.indexOf("change_line");
  private static final int ROUNDING_LINE = FEATURES.indexOf("rounding_line");

  /** An amount printed at word {@code word} of row {@code row} (the document's row index). */
  private record Printed(int row, int word, BigDecimal amount) {}

  /**
   * What every candidate is compared with.
   *
   * @param largest the largest amount printed
   * @param rank each amount's rank by value, 0 for the largest (keys without trailing zeros)
   * @param counts how often each amount is printed (same keys)
   * @param rows how many rows the document has
   * @param medianHeight the median row height
   * @param payment the document's payment lines
   */
  private record Context(
      BigDecimal largest,
      Map<BigDecimal, Integer> rank,
      Map<BigDecimal, Integer> counts,
      int rows,
      double medianHeight,
      PaymentLines payment) {}

  static List<AmountCandidate> candidates(FieldSpec f, Doc doc) {
    List<Row> rows = doc.layout().rows();
    Candidate rule = LabelledValue.best(f, doc).orElse(null);
    BigDecimal largest = null;
    List<Printed> printed = new ArrayList<>();
    Map<BigDecimal, Integer> counts = new HashMap<>();
    for (int ri = 0; ri < rows.size(); ri++) {
      List<OcrWord> words = rows.get(ri).words();
      for (int i = 0; i < words.size(); i++) {
        for (MoneyParser.Money m : MoneyParser.findAll(words.get(i).text())) {
          if (m.explicit()) {
            printed.add(new Printed(ri, i, m.amount()));
            counts.merge(m.amount().stripTrailingZeros(), 1, Integer::sum);
            largest = largest == null || m.amount().compareTo(largest) > 0 ? m.amount() : largest;
          }
        }
      }
    }
    Map<BigDecimal, Integer> rank = new HashMap<>();
    counts.keySet().stream()
        .sorted(Comparator.reverseOrder())
        .forEach(a -> rank.put(a, rank.size()));
    double medianHeight =
        rows.isEmpty()
            ? 1
            : rows.stream().mapToDouble(Row::height).sorted().toArray()[rows.size() / 2];
    Context context = new Context(largest, rank, counts, rows.size(), medianHeight, doc.payment());
    List<AmountCandidate> out = new ArrayList<>();
    boolean afterRule = false;
    for (Printed p : printed) {
      Row r = rows.get(p.row());
      Row above = p.row() > 0 ? rows.get(p.row() - 1) : null;
      OcrWord w = r.words().get(p.word());
      boolean rulePick = rule != null && rule.words().contains(w) && sameAmount(rule, p.amount());
      double[] x = features(f, doc, r, above, p, context, rulePick, afterRule);
      out.add(new AmountCandidate(p.amount(), r, List.of(w), x, rulePick ? rule : null));
      afterRule |= rulePick;
    }
    relativeToLabels(out);
    return out;
  }

  private static double[] features(
      FieldSpec f,
      Doc doc,
      Row r,
      Row previous,
      Printed p,
      Context c,
      boolean rulePick,
      boolean afterRule) {
    int wi = p.word();
    BigDecimal amount = p.amount();
    double ownLabel = 0;
    double ownQuality = 0;
    double ownBefore = 0;
    double otherField = 0;
    double stop = 0;
    double summary = 0;
    for (LabelHit h : doc.hits(r)) {
      if (h.announces(f)) {
        ownLabel = 1;
        ownQuality = Math.max(ownQuality, h.quality());
        if (h.to() <= wi) {
          ownBefore = 1;
        }
      } else if (h.builtin()) {
        stop = 1;
        if (LabelMatcher.SUMMARY_STOPS.contains(h.label())) {
          summary = 1;
        }
      } else if (h.fields().stream().anyMatch(x -> x.kind() == ValueKind.MONEY)) {
        otherField = 1;
      }
    }
    double above = 0;
    if (previous != null && ownLabel == 0) {
      for (LabelHit h : doc.hits(previous)) {
        if (h.announces(f)) {
          above = 1;
        }
      }
    }
    OcrWord w = r.words().get(wi);
    BigDecimal key = amount.stripTrailingZeros();
    BigDecimal largest = c.largest();
    int ri = p.row();
    PaymentLines.Role role = c.payment().role(r).orElse(null);
    return new double[] {
      ownLabel,
      ownQuality,
      ownBefore,
      above,
      otherField,
      stop,
      summary,
      amount.compareTo(largest) == 0 ? 1 : 0,
      Math.min(c.rank().get(key), 10) / 10.0,
      largest.signum() <= 0
          ? 0
          : Math.max(-1, Math.min(1, amount.doubleValue() / largest.doubleValue())),
      Math.min(c.counts().get(key), 4) / 4.0,
      c.rows() <= 1 ? 0 : (double) ri / (c.rows() - 1),
      Math.min(c.rows() - 1 - ri, 20) / 20.0,
      Math.min(3, w.box().height() / c.medianHeight()),
      wi == r.words().size() - 1 ? 1 : 0,
      doc.isTableRow(r) ? 1 : 0,
      r.text().contains("%") ? 1 : 0,
      r.words().stream().anyMatch(x -> CurrencyDetector.codeOf(x.text()).isPresent()) ? 1 : 0,
      amount.signum() < 0 ? 1 : 0,
      rulePick ? 1 : 0,
      afterRule ? 1 : 0,
      0, // last_own_label, largest_own_label, own_label_and_largest: relativeToLabels fills them
      0,
      0,
      role == PaymentLines.Role.TENDER ? 1 : 0,
      role == PaymentLines.Role.CHANGE ? 1 : 0,
      role == PaymentLines.Role.ROUNDING ? 1 : 0,
      c.payment().balances(amount) ? 1 : 0,
      c.payment().rounds(amount) ? 1 : 0
    };
  }

  /** Fills the features that compare a candidate with the others the field's label announces. */
  private static void relativeToLabels(List<AmountCandidate> all) {
    int own = FEATURES.indexOf("own_label");
    int last = FEATURES.indexOf("last_own_label");
    int largestOwn = FEATURES.indexOf("largest_own_label");
    int both = FEATURES.indexOf("own_label_and_largest");
    int largest = FEATURES.indexOf("largest");
    Row lastRow = null;
    BigDecimal max = null;
    for (AmountCandidate c : all) {
      if (c.features()[own] == 1) {
        lastRow = c.row();
        max = max == null || c.amount().compareTo(max) > 0 ? c.amount() : max;
      }
    }
    for (AmountCandidate c : all) {
      double[] x = c.features();
      boolean labelled = x[own] == 1;
      x[last] = labelled && c.row() == lastRow ? 1 : 0;
      x[largestOwn] = labelled && c.amount().compareTo(max) == 0 ? 1 : 0;
      x[both] = labelled && x[largest] == 1 ? 1 : 0;
    }
  }

  private static boolean sameAmount(Candidate c, BigDecimal amount) {
    try {
      return new BigDecimal(c.value().asText()).compareTo(amount) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
