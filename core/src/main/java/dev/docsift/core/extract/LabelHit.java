package dev.docsift.core.extract;

import dev.docsift.core.model.Box;
import dev.docsift.schemas.FieldSpec;
import dev.docsift.schemas.ValueKind;
import java.util.List;

/**
 * A label found on a row.
 *
 * @param fields the fields announced by the label; empty for the built-in labels that only stop
 *     other labels and values ({@code subtotal}, {@code tel}, {@code change}...)
 * @param label the label as the schema (or the built-in list) spells it
 * @param key the label's match key: lower case, letters and digits only
 * @param row the row it is on
 * @param from the index of its first word in the row
 * @param to the index after its last word
 * @param quality 1 for an exact match, less for a fuzzy one
 */
record LabelHit(
    List<FieldSpec> fields, String label, String key, Row row, int from, int to, double quality) {
  /** Copies. */
  LabelHit {
    fields = List.copyOf(fields);
  }

  /** Whether the label belongs to no field. */
  boolean builtin() {
    return fields.isEmpty();
  }

  /**
   * Whether the label heads a party's block ({@code Bill To}, {@code Käufer}): such a label opens
   * its segment, and the same word inside a value ({@code Kunden AG}, {@code Name: Lieferant GmbH})
   * is part of the value.
   */
  boolean heading() {
    return !fields.isEmpty() && fields.stream().allMatch(f -> f.kind() == ValueKind.PARTY);
  }

  /**
   * Whether the label is the first word of a company's name: the rest of its segment holds a legal
   * form ("Lieferant GmbH", "Kunden AG Mitte"), so it names the party, not heads it.
   */
  boolean startsAName() {
    Row.Segment seg = row.segmentOf(from);
    for (int i = to; i < Math.min(seg.to(), to + 4); i++) {
      if (HeaderNames.hasLegalForm(row.words().get(i).text())) {
        return true;
      }
    }
    return false;
  }

  /** Whether the label announces a field, compared by identity. */
  boolean announces(FieldSpec field) {
    for (FieldSpec f : fields) {
      if (f == field) {
        return true;
      }
    }
    return false;
  }

  /** The box around the label's words. */
  Box box() {
    return row.boxOf(from, to);
  }

  /**
   * Whether the label opens its segment: only punctuation, or a word that says the amount is
   * contained in another ({@code incl. VAT}, {@code enth. MwSt}), stands before it.
   */
  boolean atSegmentStart() {
    Row.Segment seg = row.segmentOf(from);
    for (int i = seg.from(); i < from; i++) {
      String key = Text.labelKey(row.words().get(i).text());
      if (!key.isEmpty() && !LabelMatcher.INCLUSION_WORDS.contains(key)) {
        return false;
      }
    }
    return true;
  }
}
