package dev.docsift.core.extract;

import dev.docsift.core.model.OcrWord;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.FieldSpec;
import dev.docsift.schemas.ValueKind;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first date and time a document prints without a label (receipts often print {@code 25/12/2018
 * 14:32} alone), read from words no other field took, with a lower confidence. One instance per
 * extraction, after the labelled fields: it remembers the words it gave away.
 */
final class UnlabelledDateTime {
  /** Confidence factor for a date or time taken without a label. */
  private static final double UNLABELLED = 0.7;

  /** A dotted time beside a date might still be something else: less sure than a colon's. */
  private static final double DOTTED_TIME = 0.8;

  private final Doc doc;
  private final DocumentSchema schema;
  private final Map<FieldSpec, Candidate> byField;
  private final Map<OcrWord, Boolean> used = new IdentityHashMap<>();

  /**
   * Starts from what the labelled fields took.
   *
   * @param doc the document
   * @param schema its schema
   * @param byField the values found so far, by field
   * @param written every value written so far
   */
  UnlabelledDateTime(
      Doc doc, DocumentSchema schema, Map<FieldSpec, Candidate> byField, List<Candidate> written) {
    this.doc = doc;
    this.schema = schema;
    this.byField = byField;
    for (Candidate c : written) {
      c.words().forEach(w -> used.put(w, true));
    }
  }

  /**
   * The value of a date or time field: the first date (or time) of a row outside the tables, the
   * document number's row first for a date; for a time, else a dotted time beside the first date.
   *
   * @param f a field of kind {@link ValueKind#DATE} or {@link ValueKind#TIME}
   * @return the value, its words now taken
   */
  Optional<Candidate> find(FieldSpec f) {
    ValueKind kind = f.kind();
    for (Row r : datedRowsFirst(kind)) {
      if (doc.isTableRow(r)) {
        continue;
      }
      List<OcrWord> free =
          r.words().stream().filter(w -> !used.containsKey(w) || sharesDate(kind, w)).toList();
      Optional<Candidate> c = ValueReader.parse(f, free, r.page(), doc, UNLABELLED);
      if (c.isPresent()) {
        c.get().words().forEach(w -> used.put(w, true));
        return c;
      }
    }
    return kind == ValueKind.TIME ? dottedTimeBesideDate(f) : Optional.empty();
  }

  /** Whether a time may be read from a word the date took: OCR joins them ("7/18/19,5:47"). */
  private boolean sharesDate(ValueKind kind, OcrWord w) {
    if (kind != ValueKind.TIME) {
      return false;
    }
    return byField.entrySet().stream()
        .anyMatch(
            e ->
                e.getKey().kind() == ValueKind.DATE
                    && e.getValue().words().stream().anyMatch(x -> x == w));
  }

  /**
   * The rows in reading order, for a date the row of the document's number first: "Rechnung Nr.
   * 471102 vom 05.03.2018", "Invoice 123 dated 5 March 2018" date the document where a version or
   * print date above would come first.
   */
  private List<Row> datedRowsFirst(ValueKind kind) {
    List<Row> rows = new ArrayList<>(doc.layout().rows());
    if (kind != ValueKind.DATE) {
      return rows;
    }
    for (FieldSpec f : schema.fields()) {
      Candidate c = byField.get(f);
      if (f.kind() == ValueKind.ID && c != null) {
        OcrWord first = c.words().get(0);
        for (Row r : rows) {
          if (r.words().stream().anyMatch(w -> w == first)) {
            rows.add(0, r);
            return rows;
          }
        }
      }
    }
    return rows;
  }

  /**
   * A time written {@code 21.57} at the end of a date's row or alone on the row below it: where
   * receipts print the time, and how OCR often reads its colon. Anywhere else such a text is more
   * likely an amount.
   */
  private Optional<Candidate> dottedTimeBesideDate(FieldSpec f) {
    for (Row r : doc.layout().rows()) {
      if (doc.isTableRow(r) || DateParser.find(r.text(), doc.dayOrder()).isEmpty()) {
        continue;
      }
      List<OcrWord> same = r.words();
      Row below = doc.layout().next(r);
      List<List<OcrWord>> places = new ArrayList<>();
      places.add(List.of(same.getLast()));
      if (below != null) {
        places.add(below.words());
      }
      for (List<OcrWord> words : places) {
        if (words.stream().anyMatch(used::containsKey)) {
          continue;
        }
        Optional<Candidate> c =
            TimeParser.parseDotted(Candidate.join(words))
                .flatMap(t -> ValueReader.json(f, t, null))
                .map(v -> Candidate.of(v, words, r.page(), UNLABELLED * DOTTED_TIME));
        if (c.isPresent()) {
          return c;
        }
      }
      return Optional.empty(); // only the first date's row
    }
    return Optional.empty();
  }
}
