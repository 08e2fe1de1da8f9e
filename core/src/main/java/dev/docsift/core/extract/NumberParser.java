package dev.docsift.core.extract;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads plain numbers such as quantities ({@code 2}, {@code 1.5}, {@code 2,5}, {@code 1,000}). */
public final class NumberParser {
  private static final Pattern NUMBER =
      Pattern.compile(
          "(?<![\\p{L}\\d])-?(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:[.,]\\d+)?)(?![\\d])");

  private NumberParser() {}

  /**
   * Parses a text that is one number, give or take punctuation and a unit letter ({@code 2x}).
   *
   * @param text such as {@code "2"} or {@code "1,5"}
   * @return the number without trailing zeros, or empty when the text is not one number
   */
  public static Optional<BigDecimal> parse(String text) {
    String t = Text.fixDigits(Text.trimPunctuation(text)).replaceAll("^[xX×@]|[xX×@]$", "").strip();
    Matcher m = NUMBER.matcher(t);
    if (!m.find() || m.start() != 0 || m.end() != t.length()) {
      return Optional.empty();
    }
    return Optional.of(toDecimal(m.group()));
  }

  /**
   * Finds the first number in a text.
   *
   * @param text any text
   * @return the number, or empty
   */
  public static Optional<BigDecimal> find(String text) {
    Matcher m = NUMBER.matcher(Text.fixDigits(text));
    return m.find() ? Optional.of(toDecimal(m.group())) : Optional.empty();
  }

  private static BigDecimal toDecimal(String s) {
    String n = s;
    if (n.matches("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?")) {
      n = n.replace(",", "");
    } else {
      n = n.replace(',', '.');
    }
    BigDecimal d = new BigDecimal(n).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0) : d;
  }
}
