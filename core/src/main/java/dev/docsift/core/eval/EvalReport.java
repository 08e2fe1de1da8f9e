package dev.docsift.core.eval;

import java.util.List;

/**
 * What {@code docsift eval} measured: per field, per document, and the worst misses.
 *
 * @param fields one score per leaf field of the schema, in schema order
 * @param documents one score per document, by name
 * @param misses the worst misses, least similar first
 */
public record EvalReport(
    List<FieldScore> fields, List<DocumentScore> documents, List<Miss> misses) {
  /** Copies. */
  public EvalReport {
    fields = List.copyOf(fields);
    documents = List.copyOf(documents);
    misses = List.copyOf(misses);
  }

  /**
   * One field over all documents.
   *
   * @param path the field's path, {@code *} for an array index ({@code /items/ * /amount})
   * @param kind the schema's kind of value
   * @param item whether the field belongs to array items (line items)
   * @param labelled how many documents (or items) the truth labels it in
   * @param found how many of those a value was extracted for
   * @param exact how many of those equal the truth
   * @param similarity the mean ANLS similarity over the labelled ones
   * @param ceilingChecked how many labelled values were looked for in the OCR text
   * @param inText how many of those occur in the OCR text (the ceiling for an extractor)
   */
  public record FieldScore(
      String path,
      String kind,
      boolean item,
      int labelled,
      int found,
      int exact,
      double similarity,
      int ceilingChecked,
      int inText) {
    /** The share of labelled values extracted exactly, 0 to 1. */
    public double accuracy() {
      return labelled == 0 ? 0 : (double) exact / labelled;
    }
  }

  /**
   * One document.
   *
   * @param document its file name
   * @param labelled how many fields its truth labels
   * @param exact how many were extracted exactly
   * @param error why extraction failed (code and sentence), or null
   */
  public record DocumentScore(String document, int labelled, int exact, String error) {}

  /**
   * A value extracted wrongly or not at all.
   *
   * @param document the file name
   * @param path the field's path
   * @param expected the true value
   * @param found what was extracted, or null
   * @param similarity ANLS similarity of the two
   * @param context the OCR line most like the expected value (and the one the found value came
   *     from), or the document's error; null when unknown
   */
  public record Miss(
      String document,
      String path,
      String expected,
      String found,
      double similarity,
      String context) {}

  /**
   * Sums fields.
   *
   * @param items true for line-item fields, false for the document's own fields, null for all
   * @return labelled and exact counts, and similarity summed
   */
  public Total total(Boolean items) {
    int labelled = 0;
    int exact = 0;
    double similarity = 0;
    for (FieldScore f : fields) {
      if (items == null || f.item() == items) {
        labelled += f.labelled();
        exact += f.exact();
        similarity += f.similarity() * f.labelled();
      }
    }
    return new Total(labelled, exact, labelled == 0 ? 0 : similarity / labelled);
  }

  /**
   * A sum of fields.
   *
   * @param labelled labelled values
   * @param exact values extracted exactly
   * @param similarity mean ANLS similarity
   */
  public record Total(int labelled, int exact, double similarity) {
    /** The share extracted exactly, 0 to 1. */
    public double accuracy() {
      return labelled == 0 ? 0 : (double) exact / labelled;
    }
  }
}
