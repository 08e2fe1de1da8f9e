package dev.docsift.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What documents print that tells the country they come from: legal forms ({@code SDN BHD}, {@code
 * GmbH}), states and towns, tax words, and the shapes of postcodes, telephone and VAT numbers. Kept
 * as data in {@code dev/docsift/schemas/vocabulary/countries.json}; a receipt that prints no
 * currency sign is in its country's currency.
 *
 * <p>Immutable and thread-safe.
 *
 * @param countries every country with its evidence, in file order
 */
public record CountryHints(List<Country> countries) {
  private static final String RESOURCE = "/dev/docsift/schemas/vocabulary/countries.json";
  private static final CountryHints SHIPPED = load();

  /** Copies. */
  public CountryHints {
    countries = List.copyOf(countries);
  }

  /**
   * One country's evidence.
   *
   * @param code ISO 3166-1 alpha-2 code
   * @param currency ISO 4217 code of the currency its documents are in
   * @param monthFirst whether its numeric dates put the month first (12/25/2018)
   * @param plainAddress whether its addresses are written on one line without commas between the
   *     printed lines, as its postal service writes them ("2011 Hewitt Ave Everett WA 98201")
   * @param terms words or phrases, lower case, matched as whole words ignoring case
   * @param patterns shapes matched over one printed line
   */
  public record Country(
      String code,
      String currency,
      boolean monthFirst,
      boolean plainAddress,
      List<Term> terms,
      List<Shape> patterns) {
    /** Copies. */
    public Country {
      terms = List.copyOf(terms);
      patterns = List.copyOf(patterns);
    }
  }

  /**
   * A word or phrase and how much it counts.
   *
   * @param text lower case
   * @param weight its weight, at least 1
   */
  public record Term(String text, int weight) {}

  /**
   * A shape of text and how much it counts.
   *
   * @param pattern the compiled expression
   * @param weight its weight, at least 1
   */
  public record Shape(Pattern pattern, int weight) {}

  /** The hints shipped with docsift. */
  public static CountryHints shipped() {
    return SHIPPED;
  }

  private static CountryHints load() {
    try (InputStream in = CountryHints.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("missing resource " + RESOURCE);
      }
      JsonNode root = new ObjectMapper().readTree(in);
      List<Country> countries = new ArrayList<>();
      for (JsonNode c : root.path("countries")) {
        List<Term> terms = new ArrayList<>();
        for (JsonNode t : c.path("terms")) {
          terms.add(
              new Term(
                  t.path("term").asText().toLowerCase(Locale.ROOT).strip(),
                  t.path("weight").asInt(1)));
        }
        List<Shape> shapes = new ArrayList<>();
        for (JsonNode p : c.path("patterns")) {
          shapes.add(
              new Shape(Pattern.compile(p.path("pattern").asText()), p.path("weight").asInt(1)));
        }
        countries.add(
            new Country(
                c.path("country").asText(),
                c.path("currency").asText(),
                c.path("monthFirst").asBoolean(false),
                c.path("plainAddress").asBoolean(false),
                terms,
                shapes));
      }
      return new CountryHints(countries);
    } catch (IOException e) {
      throw new UncheckedIOException("the shipped country hints cannot be read", e);
    }
  }
}
