package dev.docsift.samples;

import java.math.BigDecimal;
import java.util.List;

/**
 * Where a document comes from: its currency, how it writes amounts and dates, its tax and its
 * addresses. One market per document keeps every printed value consistent with the others.
 */
enum Market {
  US(
      "USD",
      "$",
      true,
      '.',
      ',',
      true,
      List.of("Tax", "Sales Tax", "Tax"),
      List.of("6", "7.25", "8.25", "8.875", "4.5")),
  UK("GBP", "£", true, '.', ',', false, List.of("VAT"), List.of("20")),
  DE("EUR", "€", false, ',', '.', false, List.of("MwSt", "VAT"), List.of("19", "7")),
  FR("EUR", "€", false, ',', '.', false, List.of("VAT"), List.of("20", "10")),
  IE("EUR", "€", true, '.', ',', false, List.of("VAT"), List.of("23", "13.5")),
  CH("CHF", null, true, '.', '\'', false, List.of("MWST", "VAT"), List.of("8.1")),
  AU("AUD", "A$", true, '.', ',', false, List.of("GST"), List.of("10"));

  final String currency;

  /** The symbol printed before or after amounts; null where only the ISO code is printed. */
  final String symbol;

  final boolean symbolBefore;
  final char decimalSeparator;
  final char groupSeparator;
  final boolean letterPaper;
  final List<String> taxLabels;
  final List<String> taxRates;

  Market(
      String currency,
      String symbol,
      boolean symbolBefore,
      char decimalSeparator,
      char groupSeparator,
      boolean letterPaper,
      List<String> taxLabels,
      List<String> taxRates) {
    this.currency = currency;
    this.symbol = symbol;
    this.symbolBefore = symbolBefore;
    this.decimalSeparator = decimalSeparator;
    this.groupSeparator = groupSeparator;
    this.letterPaper = letterPaper;
    this.taxLabels = taxLabels;
    this.taxRates = taxRates;
  }

  /** True where the market's own language labels (Summe, MwSt, Datum) are sometimes printed. */
  boolean germanSpeaking() {
    return this == DE || this == CH;
  }

  /** Whether the tax on a receipt is usually included in the prices (VAT) or added (US tax). */
  boolean taxIncluded() {
    return this != US;
  }

  /**
   * An amount as this market prints it, without any currency mark.
   *
   * @param grouping whether thousands are separated
   */
  String amount(BigDecimal value, boolean grouping) {
    String plain = value.abs().setScale(2).toPlainString();
    int dot = plain.indexOf('.');
    String whole = plain.substring(0, dot);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < whole.length(); i++) {
      if (grouping && i > 0 && (whole.length() - i) % 3 == 0) {
        s.append(groupSeparator);
      }
      s.append(whole.charAt(i));
    }
    s.append(decimalSeparator).append(plain, dot + 1, plain.length());
    return (value.signum() < 0 ? "-" : "") + s;
  }

  /** A quantity as this market prints it: "3", "7.5" or "7,5". */
  String quantity(BigDecimal value) {
    String plain = value.stripTrailingZeros().toPlainString();
    return plain.replace('.', decimalSeparator);
  }

  /** An amount with the currency's symbol, where the market has one, else its code. */
  String withSymbol(String amount) {
    if (symbol == null) {
      return withCode(amount);
    }
    String sign = amount.startsWith("-") ? "-" : "";
    String bare = sign.isEmpty() ? amount : amount.substring(1);
    return symbolBefore ? sign + symbol + bare : sign + bare + " " + symbol;
  }

  /** An amount with the currency's ISO code, on the side this market writes it. */
  String withCode(String amount) {
    return symbolBefore ? currency + " " + amount : amount + " " + currency;
  }
}
