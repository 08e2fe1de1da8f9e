package dev.docsift.core.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.core.text.EditDistance;
import dev.docsift.schemas.ValueKind;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Compares one extracted value with the true one by the kind of value the schema says it is: text
 * ignoring case and whitespace, with an ANLS-style similarity beside exact match; money and numbers
 * by value; dates as dates; identifiers ignoring spacing and separators.
 */
public final class ValueMatch {
  /**
   * ANLS's threshold: a reading less similar than this to the truth counts as nothing read, so that
   * a wrong value scores 0 rather than partial credit for shared letters.
   */
  static final double ANLS_THRESHOLD = 0.5;

  private ValueMatch() {}

  /**
   * How well a value matches.
   *
   * @param exact whether it equals the truth under the kind's rules
   * @param similarity ANLS similarity, 0 to 1 (1 when exact; 0 when absent or below the threshold)
   */
  public record Score(boolean exact, double similarity) {
    /** Nothing found. */
    public static final Score MISSING = new Score(false, 0);
  }

  /**
   * Scores a found leaf against the true one.
   *
   * @param kind the schema's kind of the field
   * @param truth the true value, not null
   * @param found the extracted value; null, missing or JSON null when nothing was found
   * @return the score
   */
  public static Score score(ValueKind kind, JsonNode truth, JsonNode found) {
    if (found == null || found.isMissingNode() || found.isNull()) {
      return Score.MISSING;
    }
    String t = truth.asText();
    String f = found.asText();
    boolean exact =
        switch (kind) {
          case MONEY, NUMBER -> sameNumber(t, f);
          case DATE -> sameDate(t, f);
          case ID -> identifier(t).equals(identifier(f));
          case CURRENCY, TIME -> t.strip().equalsIgnoreCase(f.strip());
          default -> text(t).equals(text(f));
        };
    if (exact) {
      return new Score(true, 1);
    }
    String a = kind == ValueKind.ID ? identifier(t) : text(t);
    String b = kind == ValueKind.ID ? identifier(f) : text(f);
    double similarity = similarity(a, b);
    return new Score(false, similarity < ANLS_THRESHOLD ? 0 : similarity);
  }

  /** Text as compared: compatibility forms folded (NFKC), lower case, without whitespace. */
  public static String text(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC)
        .toLowerCase(Locale.ROOT)
        .replaceAll("\\s+", "");
  }

  /** An identifier as compared: letters and digits only, lower case. */
  public static String identifier(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC)
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}]", "");
  }

  private static boolean sameNumber(String a, String b) {
    try {
      return new BigDecimal(a.strip()).compareTo(new BigDecimal(b.strip())) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean sameDate(String a, String b) {
    try {
      return LocalDate.parse(a.strip()).equals(LocalDate.parse(b.strip()));
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /**
   * 1 less the Levenshtein distance over the longer length: ANLS's normalised similarity.
   *
   * @param a one string
   * @param b another
   * @return 0 to 1; 1 for two empty strings
   */
  public static double similarity(String a, String b) {
    int longer = Math.max(a.length(), b.length());
    if (longer == 0) {
      return 1;
    }
    return 1 - (double) EditDistance.between(a, b) / longer;
  }
}
