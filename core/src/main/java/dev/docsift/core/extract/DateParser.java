package dev.docsift.core.extract;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads calendar dates in the many ways documents print them and writes them as ISO 8601 ({@code
 * 2018-12-25}). Numeric dates whose day and month could be swapped ({@code 03/04/2018}) are read in
 * the order given and flagged as ambiguous. Stateless and thread-safe.
 */
public final class DateParser {
  /** The order of day and month in numeric dates. */
  public enum DayOrder {
    /** Day first: 25/12/2018. */
    DMY,
    /** Month first: 12/25/2018. */
    MDY
  }

  /**
   * A date found in a text.
   *
   * @param date the date
   * @param ambiguous whether day and month could have been swapped
   * @param start where it starts in the text searched
   * @param end where it ends in the text searched
   */
  public record Found(LocalDate date, boolean ambiguous, int start, int end) {
    /** The date as ISO 8601. */
    public String iso() {
      return date.toString();
    }
  }

  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("jan", 1),
          Map.entry("feb", 2),
          Map.entry("mar", 3),
          Map.entry("mär", 3),
          Map.entry("apr", 4),
          Map.entry("may", 5),
          Map.entry("mai", 5),
          Map.entry("jun", 6),
          Map.entry("jul", 7),
          Map.entry("aug", 8),
          Map.entry("sep", 9),
          Map.entry("oct", 10),
          Map.entry("okt", 10),
          Map.entry("nov", 11),
          Map.entry("dec", 12),
          Map.entry("dez", 12));
  private static final String MONTH =
      "(?<mon>jan|feb|m[aä]r|apr|ma[yi]|jun|jul|aug|sep|o[ck]t|nov|de[cz])(?<rest>\\p{L}*)\\.?";

  /**
   * The month names an abbreviation may run on into (English, German, French, Dutch, Malay): a word
   * that only begins like one ("Novel 9.99", "Decaf 3.50") is no month.
   */
  private static final List<String> MONTH_NAMES =
      List.of(
          "january",
          "januar",
          "janvier",
          "januari",
          "february",
          "februar",
          "februari",
          "march",
          "märz",
          "marz",
          "mars",
          "maart",
          "april",
          "avril",
          "may",
          "mai",
          "june",
          "juni",
          "juin",
          "july",
          "juli",
          "juillet",
          "julai",
          "august",
          "augustus",
          "september",
          "septembre",
          "october",
          "oktober",
          "octobre",
          "november",
          "novembre",
          "december",
          "dezember",
          "décembre");

  private static final Pattern ISO =
      Pattern.compile("(?<!\\d)(?<y>(?:19|20)\\d{2})[-/.](?<m>\\d{1,2})[-/.](?<d>\\d{1,2})(?!\\d)");

  /**
   * A four-digit year OCR split with a space ("08-03-20 18", "09-May-201 7"), not before a time.
   */
  private static final String SPLIT_YEAR = "(?:19|20)(?:\\d\\s\\d|\\s\\d{2})(?![\\d:.])";

  // A four-digit year may run straight into the time: OCR drops the space ("29/01/20184:40:40");
  // a comma may join them ("7/18/19,5:47 PM"), where elsewhere "1/2/19,50" is no date.
  private static final Pattern NUMERIC =
      Pattern.compile(
          "(?<![\\d.,])(?<a>\\d{1,2})\\s?(?<s>[-/.])\\s?(?<b>\\d{1,2})\\s?\\k<s>\\s?(?<y>\\d{4}(?=\\d{1,2}:\\d{2})|"
              + SPLIT_YEAR
              + "|(?:\\d{4}|\\d{2})(?![\\d]|[.,]\\d(?!\\d?:\\d\\d)))");
  private static final Pattern DAY_MONTH =
      Pattern.compile(
          "(?<![\\d\\p{L}])(?<d>\\d{1,2})(?:st|nd|rd|th)?\\.?[\\s\\-/]*"
              + MONTH
              + "[\\s\\-/.,']*(?<y>\\d{4}(?=\\d{1,2}:\\d{2})|"
              + SPLIT_YEAR
              + "|(?:\\d{4}|\\d{2})(?!\\d|:\\d))",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern MONTH_DAY =
      Pattern.compile(
          "(?<![\\p{L}])"
              + MONTH
              + "[\\s\\-/]*(?<d>\\d{1,2})(?:st|nd|rd|th)?[\\s,.\\-/']+"
              // The time may stand between day and year, as in "SUN JUN 24 20:49:53 2018".
              + "(?:\\d{1,2}:\\d{2}(?::\\d{2})?\\s+)?"
              + "(?<y>"
              + SPLIT_YEAR
              + "|\\d{4}|\\d{2})(?!\\d|:\\d)",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private DateParser() {}

  /**
   * Parses a text that is one date, give or take punctuation around it.
   *
   * @param text such as {@code "25 Dec 2018"}
   * @param order how to read numeric dates whose day and month could be swapped
   * @return the date, or empty when the text is not one date
   */
  public static Optional<Found> parse(String text, DayOrder order) {
    String trimmed = Text.trimPunctuation(text);
    return find(trimmed, order).filter(f -> f.start() == 0 && f.end() == trimmed.length());
  }

  /**
   * Finds the first date in a text.
   *
   * @param text any text
   * @param order how to read numeric dates whose day and month could be swapped
   * @return the leftmost date (the longest one when two start together), or empty
   */
  public static Optional<Found> find(String text, DayOrder order) {
    List<Found> all = findAll(text, order);
    return all.stream()
        .min(
            (x, y) ->
                x.start() != y.start()
                    ? Integer.compare(x.start(), y.start())
                    : Integer.compare(y.end(), x.end()));
  }

  /**
   * Finds every date in a text, in no particular order (overlapping readings included).
   *
   * @param text any text
   * @param order how to read ambiguous numeric dates
   * @return the dates
   */
  public static List<Found> findAll(String text, DayOrder order) {
    String fixed = Text.fixDigits(text);
    List<Found> out = new ArrayList<>();
    Matcher m = ISO.matcher(fixed);
    while (m.find()) {
      date(num(m, "y"), num(m, "m"), num(m, "d"))
          .ifPresent(d -> out.add(new Found(d, false, m.start(), m.end())));
    }
    Matcher n = NUMERIC.matcher(fixed);
    while (n.find()) {
      numeric(num(n, "a"), num(n, "b"), year(n.group("y")), order, n.start(), n.end())
          .ifPresent(out::add);
    }
    List<Found> monthFirst = new ArrayList<>();
    for (Pattern p : List.of(MONTH_DAY, DAY_MONTH)) {
      Matcher w = p.matcher(fixed);
      while (w.find()) {
        Integer month = MONTHS.get(w.group("mon").toLowerCase(Locale.ROOT).substring(0, 3));
        String word = (w.group("mon") + w.group("rest")).toLowerCase(Locale.ROOT);
        if (month == null
            || (!w.group("rest").isEmpty()
                && MONTH_NAMES.stream().noneMatch(name -> name.startsWith(word)))) {
          continue;
        }
        int start = w.start();
        int end = w.end();
        if (p == DAY_MONTH
            && order == DayOrder.MDY
            && monthFirst.stream().anyMatch(f -> f.start() < end && start < f.end())) {
          // "#1 Jun 26.15" where months come first is June 26, not 1 June 2026.
          continue;
        }
        Optional<Found> found =
            date(year(w.group("y")), month, num(w, "d")).map(d -> new Found(d, false, start, end));
        found.ifPresent(out::add);
        if (p == MONTH_DAY) {
          found.ifPresent(monthFirst::add);
        }
      }
    }
    return out;
  }

  /** A date whose second separator OCR lost: the month's two digits tell where it stood. */
  private static final Pattern LOST_SEPARATOR =
      Pattern.compile("(?<![\\d/.-])(\\d{1,2})([/.-])(\\d{2})((?:19|20)\\d{2})(?!\\d)");

  /**
   * The date in a text once the spaces OCR put inside its numbers are closed ("15/0 1/20 18" is
   * "15/01/2018") and a lost second separator is put back ("11/022017"), with its place in the text
   * as read. Meant for a text where {@link #find} finds none.
   *
   * @param text any text
   * @param o how to read ambiguous numeric dates
   * @return the date, its place that of the text as read, or empty
   */
  public static Optional<Found> findMended(String text, DayOrder o) {
    StringBuilder closed = new StringBuilder();
    List<Integer> at = new ArrayList<>(); // where each character of the closed text was
    for (int i = 0; i < text.length(); i++) {
      boolean gap =
          Character.isWhitespace(text.charAt(i))
              && i > 0
              && i + 1 < text.length()
              && (Character.isDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '/')
              && Character.isDigit(text.charAt(i + 1));
      if (gap) {
        continue;
      }
      closed.append(text.charAt(i));
      at.add(i);
    }
    at.add(text.length());
    // "11/022017": the second separator lost; the month's two digits tell where it stood.
    Matcher lost = LOST_SEPARATOR.matcher(closed);
    if (lost.find()) {
      int where = lost.start(4);
      closed.insert(where, lost.group(2));
      at.add(where, at.get(where));
    }
    return find(closed.toString(), o)
        .map(d -> new Found(d.date(), d.ambiguous(), at.get(d.start()), at.get(d.end() - 1) + 1));
  }

  /**
   * Infers the order of day and month from the numeric dates of a document: a first number above 12
   * means day first, a second number above 12 means month first.
   *
   * @param texts the document's lines
   * @return the order the unambiguous dates show, or empty when none tells
   */
  public static Optional<DayOrder> inferOrder(Collection<String> texts) {
    int dmy = 0;
    int mdy = 0;
    for (String t : texts) {
      Matcher n = NUMERIC.matcher(Text.fixDigits(t));
      while (n.find()) {
        int a = num(n, "a");
        int b = num(n, "b");
        // Only numbers a date can hold count: OCR's "0.45.00" or "1.99 .12" tell nothing.
        if (a > 12 && a <= 31 && b >= 1 && b <= 12) {
          dmy++;
        } else if (b > 12 && b <= 31 && a >= 1 && a <= 12) {
          mdy++;
        }
      }
    }
    if (dmy == mdy) {
      return Optional.empty();
    }
    return Optional.of(dmy > mdy ? DayOrder.DMY : DayOrder.MDY);
  }

  private static Optional<Found> numeric(
      int a, int b, int year, DayOrder order, int start, int end) {
    if (a > 12 && b > 12) {
      return Optional.empty();
    }
    if (a > 12 || b > 12) {
      int day = Math.max(a, b);
      int month = Math.min(a, b);
      return date(year, month, day).map(d -> new Found(d, false, start, end));
    }
    boolean ambiguous = a != b;
    int day = order == DayOrder.DMY ? a : b;
    int month = order == DayOrder.DMY ? b : a;
    return date(year, month, day).map(d -> new Found(d, ambiguous, start, end));
  }

  private static int year(String text) {
    String y = text.replaceAll("\\s", "");
    int v = Integer.parseInt(y);
    if (y.length() == 2) {
      // Two-digit years: receipts and invoices are recent; 70..99 reads as the 1900s.
      return v < 70 ? 2000 + v : 1900 + v;
    }
    return v;
  }

  private static int num(Matcher m, String group) {
    return Integer.parseInt(m.group(group));
  }

  private static Optional<LocalDate> date(int year, int month, int day) {
    if (year < 1900 || year > 2100) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.of(year, month, day));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
