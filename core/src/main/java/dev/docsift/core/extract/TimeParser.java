package dev.docsift.core.extract;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads times of day ({@code 14:32}, {@code 2:32 PM}, {@code 14:32:05}, {@code 2.32pm}) and writes
 * them as 24-hour {@code HH:mm} or {@code HH:mm:ss}. Stateless and thread-safe.
 */
public final class TimeParser {
  private static final Pattern TIME =
      Pattern.compile(
          // Not inside a longer number or after another time's colon ("12:34:56" holds no
          // "34:56"), but right after a four-digit year OCR ran into it ("20192:02:26P") or a
          // date's comma ("7/18/19,5:47 PM").
          // Nor glued to a word ("Tb1:40" is a table's number).
          "(?:(?<![\\p{L}\\d.,])(?<!\\d:)|(?<=(?:19|20)\\d\\d)|(?<=/\\d{2},))"
              + "(?<h>[01]?\\d|2[0-3])(?<sep>[:.])"
              // OCR's space after the colon before am or pm ("11: 19 AM"), before the seconds'
              // colon ("3:41 :24 PM").
              + "(?:(?<=:) (?=\\d\\d\\s?[apAP]\\.?[mM]))?"
              + "(?<m>[0-5]\\d)(?: ?\\k<sep>(?<s>[0-5]\\d))?"
              + "(?![\\d%]|[.,:]\\d)" // "21:00%" is a tax rate read with a colon
              // "2:32 PM", "9:07 a.m."; till printers also write a bare "8:53:47P", or one a
              // space apart at the line's end ("2:25:37 p").
              + "(?:\\s?(?<ap>[ap])\\.?m\\.?(?![\\p{L}])|(?<ap1>[ap])(?![\\p{L}])|\\s(?<ap2>[ap])$)?",
          Pattern.CASE_INSENSITIVE);

  private TimeParser() {}

  /**
   * A time found in a text.
   *
   * @param value the time as {@code HH:mm} or {@code HH:mm:ss}
   * @param start where it starts in the text searched
   * @param end where it ends in the text searched
   */
  public record Found(String value, int start, int end) {}

  /**
   * Finds the first time in a text. A dot separates hours and minutes only when am or pm follows,
   * so that {@code 12.50} stays an amount.
   *
   * @param text any text
   * @return the time, or empty
   */
  public static Optional<Found> find(String text) {
    Matcher m = TIME.matcher(Text.fixDigits(text));
    while (m.find()) {
      String ap =
          m.group("ap") != null
              ? m.group("ap")
              : m.group("ap1") != null ? m.group("ap1") : m.group("ap2");
      if (".".equals(m.group("sep")) && m.group("ap") == null) {
        // "12.50" and "12.50p" are amounts; "2.32pm" is a time.
        continue;
      }
      int h = Integer.parseInt(m.group("h"));
      if (ap != null) {
        if (h < 1 || h > 12) {
          continue;
        }
        boolean pm = ap.toLowerCase(Locale.ROOT).equals("p");
        h = (h % 12) + (pm ? 12 : 0);
      }
      String value = String.format(Locale.ROOT, "%02d:%s", h, m.group("m"));
      if (m.group("s") != null) {
        value += ":" + m.group("s");
      }
      return Optional.of(new Found(value, m.start(), m.end()));
    }
    return Optional.empty();
  }

  /**
   * Parses a text that is one time.
   *
   * @param text such as {@code "2:32 PM"}
   * @return the normalised time, or empty
   */
  public static Optional<String> parse(String text) {
    String trimmed = Text.trimPunctuation(text);
    return find(trimmed)
        .filter(f -> f.start() == 0 && f.end() == trimmed.length())
        .map(Found::value);
  }

  /**
   * Parses a text that is one time whose hours and minutes a dot separates ({@code 21.57}), as
   * receipts print them or OCR reads a colon. Alone such a text could be an amount: callers take it
   * as a time only where one is expected, beside a date.
   *
   * @param text such as {@code "21.57"}
   * @return the normalised time, or empty
   */
  public static Optional<String> parseDotted(String text) {
    String trimmed = Text.trimPunctuation(text);
    return parse(trimmed).or(() -> parse(trimmed.replaceFirst("^(\\d{1,2})\\.(\\d{2})$", "$1:$2")));
  }
}
