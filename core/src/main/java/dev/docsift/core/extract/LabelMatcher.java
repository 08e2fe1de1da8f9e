package dev.docsift.core.extract;

import dev.docsift.core.text.EditDistance;
import dev.docsift.schemas.FieldSpec;
import dev.docsift.schemas.Vocabulary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds labels on rows, tolerating OCR noise: case, the punctuation {@code : # .} and spacing are
 * ignored ({@code Sub-Total} is {@code subtotal}), digits read for letters are mapped back ({@code
 * T0TAL}), and longer labels may be a letter or two off. Where labels overlap, the longest wins, so
 * {@code subtotal} is never read as {@code total} nor {@code due date} as {@code date}. Immutable
 * and thread-safe.
 */
final class LabelMatcher {
  /**
   * Labels that belong to no field but must not be read as a shorter field label or as a value:
   * {@code Sub Total} is not {@code total}, {@code Phone No} is not {@code no.}. From the shipped
   * vocabulary, every language.
   */
  static final List<String> BUILTIN_STOPS = Vocabulary.shipped().stops();

  /**
   * Words that may stand before a label without taking its place at the start of a segment: a
   * receipt's tax line reads {@code Incl. VAT 20% 1.50} or {@code enth. MwSt 1,50}, and the label
   * is still the line's label. Match keys ({@link Text#labelKey}).
   */
  static final Set<String> INCLUSION_WORDS =
      Set.of(
          "incl", "inc", "includes", "including", "included", "inkl", "enth", "enthalten", "davon");

  /** Summary labels among the built-in ones: a table of items stops at them. */
  static final List<String> SUMMARY_STOPS = Vocabulary.shipped().summaryStops();

  /**
   * A label as matched.
   *
   * @param text as the vocabulary writes it
   * @param key its letters, as {@link Text#labelKey} makes them
   * @param fields the fields it announces (none for a stop label)
   * @param glueable whether a word may run it into the next word ({@link #gluedAhead}): one word of
   *     five letters or more
   */
  private record Label(String text, String key, List<FieldSpec> fields, boolean glueable) {
    Label(String text, String key, List<FieldSpec> fields) {
      this(text, key, fields, text.length() >= 5 && text.chars().allMatch(Character::isLetter));
    }
  }

  private final List<Label> labels;

  /** The label that "#" stands for after a title: the document number's "Nr.", or null. */
  private final Label numberLabel;

  private LabelMatcher(List<Label> labels) {
    this.labels = labels;
    this.numberLabel =
        labels.stream()
            .filter(l -> l.key().equals("nr") && !l.fields().isEmpty())
            .findFirst()
            .orElse(null);
  }

  /**
   * A matcher for the labels of some fields.
   *
   * @param fields the fields whose labels to find
   * @param withBuiltins whether to add {@link #BUILTIN_STOPS}
   * @return the matcher
   */
  static LabelMatcher of(List<FieldSpec> fields, boolean withBuiltins) {
    Map<String, Label> byKey = new LinkedHashMap<>();
    for (FieldSpec f : fields) {
      for (String l : f.labels()) {
        String key = key(l);
        if (key.isEmpty()) {
          continue;
        }
        Label old = byKey.get(key);
        List<FieldSpec> fs = new ArrayList<>(old == null ? List.of() : old.fields());
        if (fs.stream().noneMatch(x -> x == f)) {
          fs.add(f);
        }
        byKey.put(key, new Label(old == null ? l : old.text(), key, fs));
      }
    }
    if (withBuiltins) {
      for (String l : BUILTIN_STOPS) {
        byKey.putIfAbsent(key(l), new Label(l, key(l), List.of()));
      }
    }
    return new LabelMatcher(List.copyOf(byKey.values()));
  }

  /** The match key of a label: its words' keys run together. */
  static String key(String label) {
    StringBuilder sb = new StringBuilder();
    for (String w : label.strip().split("\\s+")) {
      sb.append(Text.labelKey(w));
    }
    return sb.toString();
  }

  /**
   * Finds the labels on a row. Overlapping matches are resolved longest first; short labels (three
   * letters or fewer) count only where they open a segment, so {@code Ship To} holds no {@code to}.
   *
   * @param row the row
   * @return the labels found, left to right, never overlapping
   */
  List<LabelHit> hits(Row row) {
    List<String> keys = row.words().stream().map(w -> Text.labelKey(w.text())).toList();
    List<LabelHit> raw = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).isEmpty()) {
        continue;
      }
      for (Label l : labels) {
        LabelHit hit = matchAt(l, row, keys, i);
        if (hit != null) {
          raw.add(hit);
        }
      }
      slashedAt(row, i).ifPresent(raw::add);
    }
    numberSignAfterTitle(row).ifPresent(raw::add);
    // Longest first, but a letter or two off costs length: "Net Total" is the exact "net total",
    // not a fuzzy "nett total" one letter longer.
    raw.sort(
        Comparator.comparingDouble((LabelHit h) -> -h.key().length() * h.quality())
            .thenComparing(LabelHit::builtin)
            .thenComparingDouble(h -> -h.quality())
            .thenComparingInt(LabelHit::from));
    List<LabelHit> accepted = new ArrayList<>();
    for (LabelHit h : raw) {
      boolean overlaps = accepted.stream().anyMatch(a -> a.from() < h.to() && h.from() < a.to());
      if (h.heading() && (!h.atSegmentStart() || h.startsAName())) {
        continue;
      }
      if (!overlaps && (h.key().length() > 3 || h.atSegmentStart() || afterTitle(h))) {
        accepted.add(h);
      }
    }
    accepted.sort(Comparator.comparingInt(LabelHit::from));
    return accepted;
  }

  /** Title keys, four letters or more: a compound ending in one is a title too. */
  private static final List<String> TITLES =
      Vocabulary.shipped().titles().stream()
          .map(LabelMatcher::key)
          .filter(k -> k.length() >= 4)
          .toList();

  /**
   * Whether a short label follows a document title, as the number does in {@code Rechnung Nr. 4711}
   * or {@code Handelsrechnung Nr. 4711}: there it is a label, wherever the title stands.
   */
  private static boolean afterTitle(LabelHit h) {
    if (h.builtin() || h.from() == 0) {
      return false;
    }
    return titleBefore(h.row(), h.from());
  }

  /**
   * Whether a document title stands just before word {@code at}: right before it, or before a code
   * in brackets and two words at most ("Handelsrechnung (380) Nr.", "Rechnung des Versicherers
   * (575) Nr.", "Schlussrechnung Bau (877) Nr.").
   */
  private static boolean titleBefore(Row row, int at) {
    for (int i = at - 1, words = 0; i >= 0 && words <= 2; i--) {
      String text = row.words().get(i).text();
      String previous = Text.labelKey(text);
      if (TITLES.stream().anyMatch(previous::endsWith)) {
        return true;
      }
      if (!text.startsWith("(")) {
        words++;
      }
    }
    return false;
  }

  /**
   * A bare number sign after a title, "Rechnung # RE-20140703/502": the number's label, though it
   * has no letters to match. It announces what "Nr." would.
   */
  private Optional<LabelHit> numberSignAfterTitle(Row row) {
    if (numberLabel == null) {
      return Optional.empty();
    }
    for (int i = 1; i < row.words().size(); i++) {
      String t = row.words().get(i).text();
      if ((t.equals("#") || t.equals("#:")) && titleBefore(row, i)) {
        return Optional.of(new LabelHit(numberLabel.fields(), "#", "nr", row, i, i + 1, 1.0));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a word is a one-word label of five letters or more run into the next word, a capital
   * marking where: "TotalAmtPayable", "TotalAmtIncl." (receipts print labels without spaces).
   */
  private static boolean gluedAhead(String word, Label label) {
    int n = label.text().length();
    return label.glueable()
        && word.length() > n
        && Character.isUpperCase(word.charAt(n))
        && Character.isLowerCase(word.charAt(n - 1))
        && word.regionMatches(true, 0, label.text(), 0, n);
  }

  /** The fields of the matcher's labels, by identity. */
  Map<FieldSpec, Boolean> fields() {
    Map<FieldSpec, Boolean> out = new IdentityHashMap<>();
    labels.forEach(l -> l.fields().forEach(f -> out.put(f, true)));
    return out;
  }

  /**
   * A label written as one of the parts of a word joined by slashes: "Käufer/Leistungsempfänger",
   * "Datum/Date". The part must match exactly; the hit covers the whole word.
   */
  private Optional<LabelHit> slashedAt(Row row, int i) {
    String word = row.words().get(i).text();
    if (word.indexOf('/') <= 0) {
      return Optional.empty();
    }
    for (String part : word.split("/")) {
      String key = Text.labelKey(part);
      if (key.length() < 3) {
        continue;
      }
      for (Label l : labels) {
        if (l.key().equals(key)) {
          return Optional.of(new LabelHit(l.fields(), l.text(), key, row, i, i + 1, 1.0));
        }
      }
    }
    return Optional.empty();
  }

  private static LabelHit matchAt(Label l, Row row, List<String> keys, int i) {
    String target = l.key();
    if (gluedAhead(row.words().get(i).text(), l)) {
      return new LabelHit(l.fields(), l.text(), target, row, i, i + 1, 1.0);
    }
    int allowed = target.length() <= 4 ? 0 : target.length() <= 8 ? 1 : 2;
    StringBuilder joined = new StringBuilder();
    int bestEnd = -1;
    int bestDist = Integer.MAX_VALUE;
    for (int j = i; j < keys.size() && j < i + 5; j++) {
      joined.append(keys.get(j));
      if (keys.get(j).isEmpty() && j > i) {
        continue;
      }
      if (joined.length() > target.length() + allowed) {
        break;
      }
      int d = EditDistance.within(joined.toString(), target, allowed);
      // A one-word label read across several words must match them exactly: letters off are
      // OCR's, but "Liefer- und" is not a misread "Lieferant".
      if (j > i && d > 0 && !l.text().contains(" ")) {
        continue;
      }
      // A word that is only the start of a label is another word: "Client" is not a cut
      // "cliente", nor "Rechnung" a cut "Rechnung Nr".
      if (d > 0 && target.startsWith(joined.toString()) && joined.length() < target.length()) {
        continue;
      }
      if (d <= allowed && d < bestDist) {
        bestDist = d;
        bestEnd = j + 1;
      }
    }
    if (bestEnd < 0) {
      return null;
    }
    double quality = 1.0 - 0.12 * bestDist;
    return new LabelHit(l.fields(), l.text(), target, row, i, bestEnd, quality);
  }
}
