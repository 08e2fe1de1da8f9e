package dev.docsift.core.extract;

import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.schemas.CountryHints;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The country a document comes from, as far as what it prints tells ({@link CountryHints}): each
 * term or shape seen counts once with its weight, and the country whose evidence weighs most, at
 * least {@value #ENOUGH} and more than any other's, is taken.
 *
 * @param code ISO 3166-1 alpha-2 code
 * @param currency the currency of its documents
 * @param monthFirst whether its numeric dates put the month first
 * @param plainAddress whether its addresses join their lines without commas
 * @param weight what its evidence weighs
 * @param evidence the words of the first evidence seen, where the value is shown to come from
 * @param page the page they are on
 */
record DocumentCountry(
    String code,
    String currency,
    boolean monthFirst,
    boolean plainAddress,
    int weight,
    List<OcrWord> evidence,
    OcrPage page) {
  /** The least evidence that names a country. */
  static final int ENOUGH = 2;

  private static final Map<CountryHints.Term, Pattern> TERMS = new LinkedHashMap<>();

  static {
    for (CountryHints.Country c : CountryHints.shipped().countries()) {
      for (CountryHints.Term t : c.terms()) {
        // Whole words only: "sia" must not be found in "Asia", nor "bhd" in "abhd".
        TERMS.put(
            t,
            Pattern.compile(
                "(?<![\\p{L}\\p{N}])" + Pattern.quote(t.text()) + "(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
      }
    }
  }

  /**
   * Weighs the evidence of every shipped country in a document's rows.
   *
   * @param rows the document's rows, in reading order
   * @return the country, or empty where the evidence is too thin or two countries with different
   *     currencies tie
   */
  static Optional<DocumentCountry> of(List<Row> rows) {
    List<WordRun> runs = new ArrayList<>(rows.size());
    for (Row r : rows) {
      runs.add(WordRun.of(r.words()));
    }
    List<DocumentCountry> found = new ArrayList<>();
    for (CountryHints.Country c : CountryHints.shipped().countries()) {
      int weight = 0;
      List<OcrWord> first = null;
      OcrPage page = null;
      Set<Object> seen = new HashSet<>();
      for (int i = 0; i < runs.size(); i++) {
        WordRun run = runs.get(i);
        for (CountryHints.Term t : c.terms()) {
          Matcher m = TERMS.get(t).matcher(run.text());
          if (!seen.contains(t) && m.find()) {
            seen.add(t);
            weight += t.weight();
            if (first == null) {
              first = run.wordsBetween(m.start(), m.end());
              page = rows.get(i).page();
            }
          }
        }
        for (CountryHints.Shape s : c.patterns()) {
          Matcher m = s.pattern().matcher(run.text());
          if (!seen.contains(s) && m.find()) {
            seen.add(s);
            weight += s.weight();
            if (first == null) {
              first = run.wordsBetween(m.start(), m.end());
              page = rows.get(i).page();
            }
          }
        }
      }
      if (weight >= ENOUGH) {
        found.add(
            new DocumentCountry(
                c.code(),
                c.currency(),
                c.monthFirst(),
                c.plainAddress(),
                weight,
                List.copyOf(first),
                page));
      }
    }
    found.sort((a, b) -> Integer.compare(b.weight(), a.weight()));
    if (found.isEmpty()
        || (found.size() > 1
            && found.get(1).weight() == found.get(0).weight()
            && !found.get(1).currency().equals(found.get(0).currency()))) {
      return Optional.empty();
    }
    return Optional.of(found.get(0));
  }
}
