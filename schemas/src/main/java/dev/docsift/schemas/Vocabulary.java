package dev.docsift.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The words documents print before values, in every shipped language: field labels by concept, and
 * stop labels (words that announce no field, but must not be taken for a shorter field label or for
 * a value, such as {@code Zwischensumme} or {@code Change}). Kept as data, one file per language
 * under {@code dev/docsift/schemas/vocabulary/}; every language's labels are tried whatever
 * language the page was read in, since an invoice's language is not known before it is read.
 *
 * <p>A field's concept is its {@code x-docsift} {@code concept}, else its name; fields of line
 * items are {@code item.NAME} and fields of a party {@code party.NAME}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Vocabulary {
  private static final String FOLDER = "/dev/docsift/schemas/vocabulary/";
  private static final Vocabulary SHIPPED = load();

  private final List<String> languages;
  // Lists, in file order (English first): a set's iteration order changes from run to run, and
  // the order labels are tried in must not, or the same page could read differently twice.
  private final Map<String, List<String>> labels;
  private final List<String> stops;
  private final List<String> summaryStops;
  private final List<String> titles;
  private final Map<String, List<String>> payment;

  private Vocabulary(
      List<String> languages,
      Map<String, List<String>> labels,
      Set<String> stops,
      Set<String> summaryStops,
      Set<String> titles,
      Map<String, List<String>> payment) {
    this.titles = List.copyOf(titles);
    this.payment = Map.copyOf(payment);
    this.languages = List.copyOf(languages);
    this.labels = Map.copyOf(labels);
    this.stops = List.copyOf(stops);
    this.summaryStops = List.copyOf(summaryStops);
  }

  /** The vocabulary shipped with docsift. */
  public static Vocabulary shipped() {
    return SHIPPED;
  }

  /** The languages it holds, as ISO 639-1 codes. */
  public List<String> languages() {
    return languages;
  }

  /**
   * The labels of a concept in every language, lower case.
   *
   * @param concept such as {@code total}, {@code item.amount} or {@code party.tax_id}
   * @return the labels, empty for an unknown concept
   */
  public List<String> labels(String concept) {
    return labels.getOrDefault(concept.toLowerCase(Locale.ROOT), List.of());
  }

  /** Stop labels in every language, lower case. */
  public List<String> stops() {
    return stops;
  }

  /** The stop labels that end a table of line items (summary lines), lower case. */
  public List<String> summaryStops() {
    return summaryStops;
  }

  /**
   * Document titles in every language, lower case ({@code invoice}, {@code rechnung}, {@code
   * facture}): a number label after one ({@code Rechnung Nr. 4711}) announces the document's
   * number.
   */
  public List<String> titles() {
    return titles;
  }

  /**
   * The words of a till's payment lines in every language, lower case: {@code tender} (what the
   * customer handed over: {@code cash}, {@code tunai}, {@code karte}), {@code change} ({@code
   * change}, {@code baki}) and {@code rounding} ({@code rounding adj}). The total is what was
   * tendered less the change, and what is left after rounding.
   *
   * @param role {@code tender}, {@code change} or {@code rounding}
   * @return the words, empty for an unknown role
   */
  public List<String> payment(String role) {
    return payment.getOrDefault(role, List.of());
  }

  private static Vocabulary load() {
    ObjectMapper mapper = new ObjectMapper();
    try {
      JsonNode index = read(mapper, "languages.json");
      List<String> languages = new ArrayList<>();
      Map<String, Set<String>> labels = new LinkedHashMap<>();
      Set<String> stops = new LinkedHashSet<>();
      Set<String> summary = new LinkedHashSet<>();
      Set<String> titles = new LinkedHashSet<>();
      Map<String, Set<String>> payment = new LinkedHashMap<>();
      for (JsonNode code : index) {
        String language = code.asText();
        languages.add(language);
        JsonNode file = read(mapper, language + ".json");
        file.path("labels")
            .properties()
            .forEach(
                e -> {
                  Set<String> set =
                      labels.computeIfAbsent(
                          e.getKey().toLowerCase(Locale.ROOT), k -> new LinkedHashSet<>());
                  e.getValue().forEach(l -> set.add(normal(l.asText())));
                });
        file.path("stops").forEach(s -> stops.add(normal(s.asText())));
        file.path("summary").forEach(s -> summary.add(normal(s.asText())));
        file.path("titles").forEach(s -> titles.add(normal(s.asText())));
        file.path("payment")
            .properties()
            .forEach(
                e -> {
                  Set<String> set = payment.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>());
                  e.getValue().forEach(w -> set.add(normal(w.asText())));
                });
      }
      Map<String, List<String>> ordered = new LinkedHashMap<>();
      labels.forEach((k, v) -> ordered.put(k, List.copyOf(v)));
      Map<String, List<String>> roles = new LinkedHashMap<>();
      payment.forEach((k, v) -> roles.put(k, List.copyOf(v)));
      return new Vocabulary(languages, ordered, stops, summary, titles, roles);
    } catch (IOException e) {
      throw new UncheckedIOException("the shipped vocabulary cannot be read", e);
    }
  }

  private static JsonNode read(ObjectMapper mapper, String name) throws IOException {
    try (InputStream in = Vocabulary.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IOException("missing resource " + FOLDER + name);
      }
      return mapper.readTree(in);
    }
  }

  private static String normal(String label) {
    return label.toLowerCase(Locale.ROOT).strip();
  }
}
