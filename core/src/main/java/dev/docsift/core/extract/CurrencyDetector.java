package dev.docsift.core.extract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises currencies from symbols and ISO 4217 codes ({@code $} → USD, {@code €} → EUR, {@code
 * £} → GBP, {@code ¥} → JPY, {@code CHF}, {@code RM} → MYR...). Stateless and thread-safe.
 */
public final class CurrencyDetector {
  private static final Map<String, String> SYMBOLS = new LinkedHashMap<>();
  private static final List<String> CODES =
      List.of(
          "USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK",
          "HUF", "INR", "CNY", "HKD", "SGD", "ZAR", "MXN", "BRL", "RUB", "TRY", "KRW", "AED", "SAR",
          "MYR", "IDR", "THB", "PHP", "ILS");
  private static final Pattern CODE =
      Pattern.compile("(?<![A-Za-z])(" + String.join("|", CODES) + "|RMB|RM)(?![A-Za-z]|\\.\\d)");

  static {
    // Longest first: "US$" must be seen before "$".
    SYMBOLS.put("HK$", "HKD");
    SYMBOLS.put("NZ$", "NZD");
    SYMBOLS.put("US$", "USD");
    SYMBOLS.put("A$", "AUD");
    SYMBOLS.put("C$", "CAD");
    SYMBOLS.put("S$", "SGD");
    SYMBOLS.put("$", "USD");
    SYMBOLS.put("€", "EUR");
    SYMBOLS.put("£", "GBP");
    SYMBOLS.put("¥", "JPY");
    SYMBOLS.put("₹", "INR");
    SYMBOLS.put("₩", "KRW");
    SYMBOLS.put("₽", "RUB");
  }

  private CurrencyDetector() {}

  /**
   * The currency a word shows, if any: a symbol anywhere in it, or a code standing as a word or
   * glued to an amount ({@code EUR12.50}). {@code RM} counts in capitals, outside a word.
   *
   * @param word one OCR word
   * @return the ISO 4217 code, or empty
   */
  public static Optional<String> codeOf(String word) {
    Matcher m = CODE.matcher(word);
    if (m.find()) {
      String code = m.group(1);
      if (code.equals("RMB")) {
        return Optional.of("CNY");
      }
      if (code.equals("RM")) {
        // Capitals not inside a word ("RM5.40", "(RM)", "GST:RM") name the ringgit.
        return Optional.of("MYR");
      }
      return Optional.of(code);
    }
    for (Map.Entry<String, String> e : SYMBOLS.entrySet()) {
      if (word.contains(e.getKey())) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /**
   * How much a word's currency counts when a document's currency is voted on: a code (or a symbol
   * that is not {@code $}) counts twice; a bare {@code $} once and only beside digits, since OCR
   * reads an {@code S} as {@code $} and several currencies write {@code $}.
   *
   * @param word one OCR word that {@link #codeOf} gives a currency for
   * @return 2, 1 or 0
   */
  public static int weight(String word) {
    if (CODE.matcher(word).find()) {
      return 2;
    }
    if (isBareDollar(word)) {
      return Text.countDigits(word) > 0 || word.strip().equals("$") ? 1 : 0;
    }
    return 2;
  }

  /**
   * Whether a word's only currency is a bare {@code $}: the sign of the dollar, the peso and, on
   * many receipts, of whatever the local currency is.
   *
   * @param word one OCR word
   * @return true for {@code $12.50}, false for {@code US$12.50} or {@code USD}
   */
  public static boolean isBareDollar(String word) {
    return word.contains("$")
        && !CODE.matcher(word).find()
        && SYMBOLS.keySet().stream().noneMatch(k -> !k.equals("$") && word.contains(k));
  }
}
