package dev.docsift.core.extract;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads amounts of money as printed ({@code 1,234.50}, {@code 1.234,50}, {@code $12.5}, {@code EUR
 * 12,50}, {@code 12.50-}, {@code (3.00)}) and writes them as decimal strings with two places
 * ({@code 1234.50}). Stateless and thread-safe.
 */
public final class MoneyParser {
  private static final String CODES =
      "USD|EUR|GBP|JPY|CHF|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|INR|CNY|RMB|HKD|SGD|ZAR|MXN|BRL"
          + "|RUB|TRY|KRW|AED|SAR|MYR|RM|IDR|THB|PHP|ILS";
  private static final String SYMBOLS = "[$€£¥₹₩₽]|US\\$|A\\$|C\\$|S\\$|HK\\$|NZ\\$";
  private static final Pattern MONEY =
      Pattern.compile(
          "(?<![\\p{L}\\d])(?<!\\d[.,:/])"
              + "(?<lead>[-(])?\\s?"
              + "(?<cur1>(?:"
              + SYMBOLS
              + ")|(?:(?:"
              + CODES
              + ")(?![\\p{L}])\\s?))?\\s?"
              + "(?<minus>-)?"
              // OCR sometimes splits an amount at its decimal point ("€88 .86"): one space
              // before a separator and exactly two digits still belongs to the amount.
              // A thousands group never follows a lone 0: "0.025" is no 25.
              + "(?<num>(?!0[,.'’])\\d{1,3}(?:[,.'’]\\d{3})+(?:[.,]\\d{1,2})?"
              + "|\\d+(?:[.,]\\d{1,2}| [.,]\\d{2})?"
              // Tills print cents without the zero before the point: "TXTL .95".
              + "|\\.\\d{2})"
              + "(?!\\d)(?![.,:/]\\d)(?!\\s?%)"
              + "(?:\\s?(?<cur2>(?:"
              + SYMBOLS
              + ")|(?:"
              + CODES
              + ")(?![\\p{L}])))?"
              + "(?<trail>-(?!\\d)|\\))?");

  private MoneyParser() {}

  /**
   * An amount found in a text.
   *
   * @param amount the value, two places
   * @param explicit whether it looks like money beyond doubt: two decimals or a currency marker
   * @param start where it starts in the text searched
   * @param end where it ends in the text searched
   */
  public record Money(BigDecimal amount, boolean explicit, int start, int end) {
    /** The amount as a string with two places ({@code 1234.50}). */
    public String text() {
      return amount.toPlainString();
    }
  }

  /**
   * Parses a text that is one amount, give or take a currency marker and punctuation.
   *
   * @param text such as {@code "$1,234.5"} or {@code "12,50 EUR"}
   * @return the amount with two places, or empty when the text is not one amount
   */
  public static Optional<BigDecimal> parse(String text) {
    String trimmed = Text.trimPunctuation(text);
    List<Money> all = findAll(trimmed);
    if (all.size() != 1) {
      return Optional.empty();
    }
    Money m = all.get(0);
    String rest = (trimmed.substring(0, m.start()) + trimmed.substring(m.end())).strip();
    return rest.isEmpty() ? Optional.of(m.amount()) : Optional.empty();
  }

  /**
   * Parses a text that is one amount and writes it normalised.
   *
   * @param text such as {@code "1.234,50"}
   * @return {@code "1234.50"}, or empty when the text is not one amount
   */
  public static Optional<String> normalize(String text) {
    return parse(text).map(BigDecimal::toPlainString);
  }

  /**
   * Finds every amount in a text, left to right. Percentages, dates, times and digits glued to
   * letters ({@code INV0042}) are not amounts.
   *
   * @param text any text
   * @return the amounts found; offsets point into {@code text}
   */
  public static List<Money> findAll(String text) {
    String fixed = Text.fixDigits(text);
    List<Money> out = new ArrayList<>();
    Matcher m = MONEY.matcher(fixed);
    while (m.find()) {
      Optional<BigDecimal> value = toDecimal(m.group("num"));
      if (value.isEmpty()) {
        continue;
      }
      boolean negative =
          m.group("minus") != null
              || "-".equals(m.group("lead"))
              || "-".equals(m.group("trail"))
              || ("(".equals(m.group("lead")) && ")".equals(m.group("trail")));
      BigDecimal amount = negative ? value.get().negate() : value.get();
      boolean currency = m.group("cur1") != null || m.group("cur2") != null;
      boolean twoPlaces = m.group("num").matches(".*[.,]\\d{2}");
      int start = m.start();
      while (start < m.end() && Character.isWhitespace(fixed.charAt(start))) {
        start++;
      }
      out.add(new Money(amount, currency || twoPlaces, start, m.end()));
    }
    return out;
  }

  /**
   * Turns a digit string with separators into a decimal: the last separator followed by one or two
   * digits is the decimal point; every other separator groups thousands.
   */
  private static Optional<BigDecimal> toDecimal(String digits) {
    String num = digits.replace(" ", "");
    int last = Math.max(num.lastIndexOf('.'), num.lastIndexOf(','));
    String integer;
    String fraction = "";
    if (last >= 0 && num.length() - last - 1 <= 2) {
      integer = num.substring(0, last);
      fraction = num.substring(last + 1);
    } else {
      integer = num;
    }
    integer = integer.replaceAll("[,.'’]", "");
    if (integer.isEmpty() && fraction.length() == 2) {
      integer = "0";
    }
    if (integer.isEmpty() || integer.length() > 13) {
      return Optional.empty();
    }
    BigDecimal value = new BigDecimal(integer + (fraction.isEmpty() ? "" : "." + fraction));
    return Optional.of(value.setScale(2, RoundingMode.HALF_UP));
  }

  /**
   * Whether OCR's reading of an amount is {@code expected} with its decimal point read as another
   * character ({@code 23097}, {@code 23:97}, {@code 23,97} for {@code 23.97}): the same digits
   * around one character where the point belongs.
   *
   * @param read the text OCR gave, spaces ignored
   * @param expected the amount it should be, two decimals
   * @return true when it matches that way
   */
  public static boolean misreadSeparator(String read, BigDecimal expected) {
    String want = expected.setScale(2, RoundingMode.HALF_UP).toPlainString();
    String got = Text.fixDigits(read.replace(" ", ""));
    int dot = want.indexOf('.');
    if (got.length() != want.length() || dot < 1) {
      return false;
    }
    return got.substring(0, dot).equals(want.substring(0, dot))
        && got.substring(dot + 1).equals(want.substring(dot + 1))
        && "0oO:;,'`".indexOf(got.charAt(dot)) >= 0;
  }
}
