package dev.docsift.core.extract;

import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import dev.docsift.schemas.FieldSpec;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The currency of a document's amounts, voted on by the currency signs and codes it prints and by
 * the country it comes from ({@link DocumentCountry}).
 *
 * <p>Why the country votes: most till receipts print no currency at all (a Malaysian receipt says
 * {@code TOTAL 12.50}, a Latvian one {@code KOPĀ 3.20}), yet their amounts are plainly in ringgit
 * or euro. The country also reads a bare {@code $}, which is the local sign in several countries,
 * and outvotes a code seen once in passing ({@code CNY} in an item's name, {@code SEK} as an
 * address's abbreviation of Seksyen); a code printed beside several amounts outvotes it.
 */
final class DocumentCurrency {
  /** Confidence factor of a currency that no printed sign shows, only the document's country. */
  static final double INFERRED = 0.6;

  private static final double PRINTED = 0.9;

  private DocumentCurrency() {}

  /**
   * Votes.
   *
   * @param field the currency field
   * @param rows the document's rows
   * @param country the country it comes from, if known
   * @return the currency, or empty where nothing shows one
   */
  static Optional<Candidate> read(
      FieldSpec field, List<Row> rows, Optional<DocumentCountry> country) {
    // Where each currency is first printed: the value is shown to come from there.
    Map<String, Printed> first = new LinkedHashMap<>();
    Map<String, Integer> votes = new LinkedHashMap<>();
    for (Row r : rows) {
      for (OcrWord w : r.words()) {
        int weight = CurrencyDetector.weight(w.text());
        Optional<String> code = CurrencyDetector.codeOf(w.text()).filter(c -> weight > 0);
        if (code.isEmpty()) {
          continue;
        }
        String currency =
            CurrencyDetector.isBareDollar(w.text()) && country.isPresent()
                ? country.get().currency()
                : code.get();
        first.putIfAbsent(currency, new Printed(w, r.page()));
        votes.merge(currency, weight, Integer::sum);
      }
    }
    if (country.isPresent()) {
      // Strong evidence (several terms) outvotes one stray code; a code on two amounts beats it.
      DocumentCountry c = country.get();
      votes.merge(c.currency(), c.weight() >= 2 * DocumentCountry.ENOUGH ? 3 : 2, Integer::sum);
    }
    Comparator<Map.Entry<String, Integer>> byVotes = Comparator.comparingInt(Map.Entry::getValue);
    Optional<String> winner =
        votes.entrySet().stream()
            .max(
                byVotes.thenComparing(
                    e -> country.isPresent() && e.getKey().equals(country.get().currency())))
            .map(Map.Entry::getKey);
    if (winner.isEmpty()) {
      return Optional.empty();
    }
    String code = winner.get();
    Printed printed = first.get(code);
    if (printed == null) {
      DocumentCountry c = country.orElseThrow();
      return ValueReader.json(field, code, null)
          .map(v -> Candidate.of(v, c.evidence(), c.page(), INFERRED));
    }
    return ValueReader.json(field, code, null)
        .map(v -> Candidate.of(v, List.of(printed.word()), printed.page(), PRINTED));
  }

  /** A currency's first printed word and its page. */
  private record Printed(OcrWord word, OcrPage page) {}
}
