package dev.docsift.samples;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Date and time formats as markets print them, and the ISO values the truth holds. */
final class Dates {
  private Dates() {}

  /**
   * A date pattern.
   *
   * @param dayMonthNumeric whether day and month are both plain numbers, so a day of 12 or less
   *     could be read as a month
   * @param upper whether month names are printed in capitals
   */
  record Style(String pattern, boolean dayMonthNumeric, boolean upper) {
    String format(LocalDate date) {
      String s = DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).format(date);
      return upper ? s.toUpperCase(Locale.ROOT) : s;
    }
  }

  private static Style numeric(String pattern) {
    return new Style(pattern, true, false);
  }

  private static Style text(String pattern) {
    return new Style(pattern, false, false);
  }

  /** The styles a market prints dates in; receipts favour short ones, invoices long ones. */
  static List<Style> styles(Market market, boolean invoice) {
    return switch (market) {
      case US ->
          invoice
              ? List.of(
                  numeric("MM/dd/yyyy"),
                  text("MMMM d, yyyy"),
                  text("MMM d, yyyy"),
                  text("yyyy-MM-dd"))
              : List.of(
                  numeric("MM/dd/yyyy"),
                  numeric("M/d/yyyy"),
                  numeric("MM-dd-yyyy"),
                  numeric("MM/dd/yy"),
                  text("MMM d, yyyy"),
                  text("yyyy-MM-dd"));
      case UK, IE, AU ->
          invoice
              ? List.of(
                  numeric("dd/MM/yyyy"),
                  text("d MMMM yyyy"),
                  text("d MMM yyyy"),
                  text("yyyy-MM-dd"))
              : List.of(
                  numeric("dd/MM/yyyy"),
                  numeric("dd/MM/yy"),
                  text("d MMM yyyy"),
                  new Style("dd-MMM-yyyy", false, true),
                  text("yyyy-MM-dd"));
      case DE, CH ->
          invoice
              ? List.of(numeric("dd.MM.yyyy"), text("yyyy-MM-dd"), text("d MMMM yyyy"))
              : List.of(numeric("dd.MM.yyyy"), numeric("dd.MM.yy"), text("yyyy-MM-dd"));
      case FR ->
          invoice
              ? List.of(numeric("dd/MM/yyyy"), text("d MMMM yyyy"), text("yyyy-MM-dd"))
              : List.of(numeric("dd/MM/yyyy"), text("yyyy-MM-dd"), text("d MMM yyyy"));
    };
  }

  /** A date in 2017–2025. */
  static LocalDate date(Rng r) {
    return LocalDate.of(r.between(2017, 2025), r.between(1, 12), r.between(1, 28));
  }

  /**
   * The date moved, where needed, to a day after the 12th, so that a numeric day and month cannot
   * be swapped: "13/04/2021" has one reading, "04/05/2021" two.
   */
  static LocalDate unambiguous(LocalDate date, Style style) {
    return style.dayMonthNumeric() && date.getDayOfMonth() <= 12
        ? date.withDayOfMonth(date.getDayOfMonth() + 12)
        : date;
  }

  /**
   * A time pattern and the ISO pattern its truth is written with.
   *
   * @param iso {@code HH:mm} or {@code HH:mm:ss}
   */
  record TimeStyle(String pattern, String iso) {
    String format(LocalTime time) {
      return DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).format(time);
    }

    String truth(LocalTime time) {
      return DateTimeFormatter.ofPattern(iso, Locale.ROOT).format(time);
    }
  }

  static TimeStyle timeStyle(Rng r, Market market) {
    boolean twelveHour = market == Market.US || market == Market.AU;
    if (twelveHour && r.chance(0.4)) {
      return new TimeStyle(r.pick("h:mm a", "hh:mm a"), "HH:mm");
    }
    return r.chance(0.35) ? new TimeStyle("HH:mm:ss", "HH:mm:ss") : new TimeStyle("HH:mm", "HH:mm");
  }

  /** A time during opening hours. */
  static LocalTime time(Rng r) {
    return LocalTime.of(r.between(7, 22), r.between(0, 59), r.between(0, 59));
  }
}
