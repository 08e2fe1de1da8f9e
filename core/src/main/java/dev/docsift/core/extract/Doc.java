package dev.docsift.core.extract;

import dev.docsift.core.model.OcrPage;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.FieldSpec;
import dev.docsift.schemas.ValueKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one extraction knows about its document: the rows, the labels found on them, the order of
 * day and month in its dates, and the rows that belong to tables. One instance per call; not shared
 * between threads.
 */
final class Doc {
  private final Layout layout;
  private final Map<Row, List<LabelHit>> hits = new IdentityHashMap<>();
  private final DateParser.DayOrder dayOrder;
  private final boolean dayOrderKnown;
  private final Optional<DocumentCountry> country;
  private PaymentLines payment;
  private final Set<Row> tableRows = Collections.newSetFromMap(new IdentityHashMap<>());

  private Doc(Layout layout, LabelMatcher matcher) {
    this.layout = layout;
    for (Row r : layout.rows()) {
      hits.put(r, matcher.hits(r));
    }
    this.country = DocumentCountry.of(layout.rows());
    Optional<DateParser.DayOrder> custom =
        country.map(c -> c.monthFirst() ? DateParser.DayOrder.MDY : DateParser.DayOrder.DMY);
    // The document's own unambiguous dates tell the order best (an English invoice from France
    // may write 11/17/2017); else its country's custom.
    var inferred =
        DateParser.inferOrder(layout.rows().stream().map(Row::text).toList()).or(() -> custom);
    this.dayOrder = inferred.orElse(DateParser.DayOrder.DMY);
    this.dayOrderKnown = inferred.isPresent();
  }

  /** Reads the layout of the pages and finds the labels of every field of the schema. */
  static Doc of(List<OcrPage> pages, DocumentSchema schema) {
    List<FieldSpec> labelled = new ArrayList<>();
    collect(schema.fields(), labelled);
    return new Doc(Layout.of(pages), LabelMatcher.of(labelled, true));
  }

  private static void collect(List<FieldSpec> fields, List<FieldSpec> out) {
    for (FieldSpec f : fields) {
      if (f.kind() == ValueKind.TABLE) {
        continue;
      }
      if (f.children().isEmpty() || f.kind() == ValueKind.PARTY) {
        out.add(f);
      }
      collect(f.children(), out);
    }
  }

  Layout layout() {
    return layout;
  }

  /** The document's payment lines, found once. */
  PaymentLines payment() {
    if (payment == null) {
      payment = PaymentLines.of(layout.rows());
    }
    return payment;
  }

  /** The country the document comes from, where what it prints tells. */
  Optional<DocumentCountry> country() {
    return country;
  }

  /** Whether the document's country writes an address's lines without commas between them. */
  boolean plainAddress() {
    return country.map(DocumentCountry::plainAddress).orElse(false);
  }

  /** The labels on a row, left to right. */
  List<LabelHit> hits(Row row) {
    return hits.getOrDefault(row, List.of());
  }

  /** Every label that announces a field, in reading order, table rows excluded. */
  List<LabelHit> hitsFor(FieldSpec field) {
    List<LabelHit> out = new ArrayList<>();
    for (Row r : layout.rows()) {
      if (tableRows.contains(r)) {
        continue;
      }
      for (LabelHit h : hits(r)) {
        if (h.announces(field)) {
          out.add(h);
        }
      }
    }
    return out;
  }

  /** The label that opens a segment of a row, or null. */
  LabelHit hitOpening(Row row, Row.Segment seg) {
    for (LabelHit h : hits(row)) {
      if (h.from() >= seg.from() && h.from() < seg.to() && h.atSegmentStart()) {
        return h;
      }
    }
    return null;
  }

  /** The index of the first label of a row starting at or after word {@code from}; else size. */
  int nextHitStart(Row row, int from) {
    for (LabelHit h : hits(row)) {
      // A heading word later in the row is part of a value ("Name: Lieferant GmbH").
      if (h.from() >= from && !h.heading()) {
        return h.from();
      }
    }
    return row.words().size();
  }

  /**
   * Whether a row is a summary line under a table: it opens with a money label or a built-in
   * summary label ({@code Subtotal}, {@code VAT 20%}, {@code TOTAL}) followed by little more than
   * numbers.
   */
  boolean isSummaryRow(Row row) {
    for (LabelHit h : hits(row)) {
      if (!h.atSegmentStart() || !summaryLabel(h)) {
        continue;
      }
      // The rest of the segment the label ends in: a label may span a wide gap ("SUB   TOTAL").
      Row.Segment seg = row.segmentOf(h.to() - 1);
      String rest = row.run(h.to(), seg.to()).text();
      if (Text.countLetters(rest) <= 4) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a row opens with a money label or a built-in summary label, whatever follows it ({@code
   * Rechnungssumme Netto (excl. USt.) 473,00}, {@code Summe netto: 496,00 €}).
   */
  boolean opensWithSummaryLabel(Row row) {
    return hits(row).stream().anyMatch(h -> h.from() == 0 && summaryLabel(h));
  }

  private static boolean summaryLabel(LabelHit h) {
    return h.builtin()
        ? LabelMatcher.SUMMARY_STOPS.stream().anyMatch(s -> LabelMatcher.key(s).equals(h.key()))
        : h.fields().stream()
            .anyMatch(f -> f.kind() == ValueKind.MONEY || f.kind() == ValueKind.NUMBER);
  }

  /** How numeric dates of this document order day and month. */
  DateParser.DayOrder dayOrder() {
    return dayOrder;
  }

  /** Whether an unambiguous date of the document told the order. */
  boolean dayOrderKnown() {
    return dayOrderKnown;
  }

  /** Marks rows as part of a table, so that labels in them are not read as field labels. */
  void markTableRows(List<Row> rows) {
    tableRows.addAll(rows);
  }

  /** Whether a row belongs to a table. */
  boolean isTableRow(Row row) {
    return tableRows.contains(row);
  }
}
