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
   * glued to an amount ({@code EUR12.50}). {@code RM} counts only beside digits.
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
        // "RM" alone or in brackets ("TOTAL (RM)") names the ringgit; inside a word it is letters.
        boolean nearDigits =
            Text.countDigits(word) > 0 || word.replaceAll("[\\p{Punct}\\s]", "").equals("RM");
        return nearDigits ? Optional.of("MYR") : Optional.empty();
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
    boolean dollarOnly =
        word.contains("$")
            && SYMBOLS.keySet().stream().noneMatch(k -> !k.equals("$") && word.contains(k));
    if (dollarOnly) {
      return Text.countDigits(word) > 0 || word.strip().equals("$") ? 1 : 0;
    }
    return 2;
  }
}
