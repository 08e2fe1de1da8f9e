package dev.docsift.core.extract;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the amount that ends an item line when OCR garbled its decimal point: {@code 2:58}, {@code
 * 215;75}, {@code 14-50} or {@code 30, 68} for {@code 30.68}. Only the row's last segment (the
 * amount column, set apart by a wide gap) is read, and only as a whole: a number with exactly two
 * decimals behind one odd separator. No digit is added or dropped. Stateless.
 */
final class ColumnAmount {
  private static final Pattern NOISY =
      Pattern.compile(
          "(?:[$€£]\\s?)?(?<int>\\d{1,3}(?:[.,']\\d{3})+|\\d{1,6})\\s?[.,:;\\-]\\s?(?<dec>\\d{2})"
              + "(?:\\s?[$€£])?");

  private ColumnAmount() {}

  /**
   * The amount in a row's last segment, when that segment is nothing but a noisy amount.
   *
   * @param row the row
   * @param run the row's words joined ({@code WordRun.of(row.words())})
   * @return the amount with offsets into {@code run.text()}, or empty
   */
  static Optional<MoneyParser.Money> lastSegment(Row row, WordRun run) {
    List<Row.Segment> segs = row.segments();
    if (segs.size() < 2) {
      return Optional.empty();
    }
    Row.Segment last = segs.get(segs.size() - 1);
    if (last.to() - last.from() > 2) {
      return Optional.empty();
    }
    int start = run.starts()[last.from()];
    String text = run.text().substring(start);
    Matcher m = NOISY.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    String digits = m.group("int").replaceAll("[.,']", "") + "." + m.group("dec");
    return Optional.of(
        new MoneyParser.Money(new BigDecimal(digits), true, start, run.text().length()));
  }
}
