package dev.docsift.core.eval;

import dev.docsift.schemas.ValueKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a true value occurs in a page's OCR text at all, in some printed form: the ceiling any
 * extractor reading that text can reach. Text is compared as {@link ValueMatch#text} does, so
 * spacing does not matter; money in either decimal separator; dates in the usual printed orders.
 */
final class TextCeiling {
  private static final List<DateTimeFormatter> DATE_FORMS =
      List.of(
              "d/M/yyyy",
              "dd/MM/yyyy",
              "dd/MM/yy",
              "d/M/yy",
              "M/d/yyyy",
              "MM/dd/yyyy",
              "MM/dd/yy",
              "M/d/yy",
              "dd.MM.yyyy",
              "d.M.yyyy",
              "dd.MM.yy",
              "dd-MM-yyyy",
              "dd-MM-yy",
              "MM-dd-yyyy",
              "MM-dd-yy",
              "yyyy-MM-dd",
              "yyyy.MM.dd",
              "yyyy/MM/dd",
              "dMMMyyyy",
              "ddMMMyyyy",
              "ddMMMyy",
              "MMMdyyyy",
              "MMMddyyyy",
              "dd/MMM/yyyy",
              "dd-MMM-yyyy",
              "dd-MMM-yy",
              "yyyyMMdd",
              "ddMMyyyy")
          .stream()
          .map(p -> DateTimeFormatter.ofPattern(p, Locale.ENGLISH))
          .toList();

  private TextCeiling() {}

  /**
   * Whether the value occurs in the text.
   *
   * @param kind the field's kind
   * @param truth the true value as the schema writes it
   * @param compactText the OCR text as {@link ValueMatch#text} normalises it
   * @return true, false, or null when the kind has no printed form to look for (currency, number)
   */
  static Boolean occurs(ValueKind kind, String truth, String compactText) {
    return switch (kind) {
      case CURRENCY, NUMBER, PARTY, GROUP, TABLE -> null;
      case MONEY -> money(truth).stream().anyMatch(compactText::contains);
      case DATE -> dates(truth).stream().anyMatch(compactText::contains);
      case TIME -> times(truth).stream().anyMatch(compactText::contains);
      case ID ->
          ValueMatch.identifier(compactText).contains(ValueMatch.identifier(truth))
              && !ValueMatch.identifier(truth).isEmpty();
      default -> compactText.contains(ValueMatch.text(truth));
    };
  }

  private static List<String> money(String truth) {
    try {
      String plain = new BigDecimal(truth.strip()).abs().setScale(2).toPlainString();
      return List.of(plain, plain.replace('.', ','));
    } catch (NumberFormatException | ArithmeticException e) {
      return List.of(ValueMatch.text(truth));
    }
  }

  private static List<String> dates(String truth) {
    List<String> out = new ArrayList<>();
    try {
      LocalDate date = LocalDate.parse(truth.strip());
      for (DateTimeFormatter f : DATE_FORMS) {
        out.add(ValueMatch.text(date.format(f)));
      }
    } catch (RuntimeException e) {
      out.add(ValueMatch.text(truth));
    }
    return out;
  }

  private static List<String> times(String truth) {
    String t = truth.strip();
    List<String> out = new ArrayList<>(List.of(t));
    String[] parts = t.split(":");
    try {
      int hour = Integer.parseInt(parts[0]);
      String rest = t.substring(parts[0].length());
      int twelve = hour % 12 == 0 ? 12 : hour % 12;
      out.add(twelve + rest);
      out.add(String.format("%02d", twelve) + rest);
    } catch (NumberFormatException e) {
      // Compared as written.
    }
    return out.stream().map(ValueMatch::text).toList();
  }
}
