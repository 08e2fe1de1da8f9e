package dev.docsift.core.extract;

import dev.docsift.schemas.FieldSpec;
import dev.docsift.schemas.Region;
import dev.docsift.schemas.ValueKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The hand-written rule for a labelled value: the best value beside or under a field's labels. */
final class LabelledValue {
  /** Values within this much confidence of the best are compared by position instead. */
  private static final double CLOSE = 0.1;

  private LabelledValue() {}

  /**
   * The value the rule picks.
   *
   * @param f the field
   * @param doc the document
   * @return the value, or empty when no label has one
   */
  static Optional<Candidate> best(FieldSpec f, Doc doc) {
    List<Candidate> found = new ArrayList<>();
    for (LabelHit h : doc.hitsFor(f)) {
      if (f.region() == Region.HEADER && h.row().pageNumber() != doc.layout().firstPage()) {
        continue;
      }
      ValueReader.near(h, f, doc).ifPresent(found::add);
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    double best = found.stream().mapToDouble(Candidate::confidence).max().orElse(0);
    List<Candidate> close = found.stream().filter(c -> c.confidence() >= best - CLOSE).toList();
    Comparator<Candidate> position =
        Comparator.comparingInt((Candidate c) -> c.page().number())
            .thenComparingInt(c -> c.box().bottom());
    // Amounts are summed up at the bottom: of several labelled totals, the last one counts
    // (which also passes over a "Total" column header). Other fields: the first one.
    return f.kind() == ValueKind.MONEY
        ? close.stream().max(position)
        : close.stream().min(position);
  }
}
