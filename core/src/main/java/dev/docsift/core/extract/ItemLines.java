package dev.docsift.core.extract;

import dev.docsift.core.model.OcrWord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Layout tests for the lines of a receipt's item list, where no header row gives the columns: the
 * right edge the amounts align on, separator rules, and item lines whose amount OCR could not read.
 * Stateless.
 */
final class ItemLines {
  private ItemLines() {}

  /**
   * The right edge the item amounts are aligned on: the median right edge of the lines, down to the
   * first summary line, that end with an amount; NaN when none does.
   *
   * @param rows the rows from where the items may start
   * @param doc the document
   * @return the edge in pixels, or NaN
   */
  static double amountEdge(List<Row> rows, Doc doc) {
    List<Integer> rights = new ArrayList<>();
    for (Row r : rows) {
      if (doc.isSummaryRow(r)) {
        break;
      }
      List<MoneyParser.Money> ms = MoneyParser.findAll(r.text());
      if (!ms.isEmpty()
          && ms.get(ms.size() - 1).explicit()
          && r.text().length() - ms.get(ms.size() - 1).end() <= 3) {
        rights.add(r.box().right());
      }
    }
    if (rights.isEmpty()) {
      return Double.NaN;
    }
    rights.sort(null);
    return rights.get(rights.size() / 2);
  }

  /**
   * Whether a row is a separator rule ({@code *****}, {@code -----}) that OCR read as letters:
   * {@code KK KK 2K OK OK ...} (many tiny words), or words of few distinct characters in all.
   */
  static boolean isSeparator(Row r) {
    List<OcrWord> ws = r.words();
    int tiny = 0;
    for (OcrWord w : ws) {
      if (w.text().length() <= 3) {
        tiny++;
      }
    }
    if (ws.size() >= 6 && tiny * 5 >= ws.size() * 4) {
      return true;
    }
    // One character repeated ("=====", "*****"), which OCR may read as a few letters in several
    // words ("KREKK KEK KEK KEKE"): twelve characters or more, four distinct at most.
    String t = String.join("", ws.stream().map(OcrWord::text).toList()).toLowerCase(Locale.ROOT);
    return t.length() >= 12 && t.chars().distinct().count() <= 4;
  }

  /**
   * Whether a row is an item whose amount is unreadable: a description, then, after a wide gap, a
   * short last segment that ends on the amounts' right edge but is no amount ({@code Flat White
   * Sl}).
   *
   * @param r the row
   * @param edge the amounts' right edge ({@link #amountEdge}), NaN when unknown
   */
  static boolean garbledAmount(Row r, double edge) {
    List<Row.Segment> segs = r.segments();
    if (Double.isNaN(edge) || segs.size() < 2) {
      return false;
    }
    Row.Segment last = segs.get(segs.size() - 1);
    double h = r.height();
    int right = r.boxOf(last.from(), last.to()).right();
    if (last.to() - last.from() > 2 || Math.abs(right - edge) > 1.5 * h) {
      return false;
    }
    String tail = r.run(last.from(), last.to()).text();
    if (DateParser.find(r.text(), DateParser.DayOrder.DMY).isPresent()
        || TimeParser.find(tail).isPresent()
        || r.words().get(0).text().endsWith(":")) {
      // "Server: Sue 08/15/2017", "Table 103/1 5:51 PM", "Guests: 2 10005", "BILL DT:
      // 12/01/2017 08:44:46 PM RM": a header's date, time or key and value, no item.
      return false;
    }
    return describes(r.words().subList(0, last.from()))
        && !MoneyParser.findAll(r.run(0, last.from()).text()).stream()
            .anyMatch(MoneyParser.Money::explicit);
  }

  /**
   * Whether words can describe an item: one of them is a word of two letters or more with more
   * letters than digits ({@code 2ºx58.95}, read from {@code 2 x 8.95}, is none).
   */
  static boolean describes(List<OcrWord> words) {
    for (OcrWord w : words) {
      int letters = Text.countLetters(w.text());
      if (letters >= 2 && letters > Text.countDigits(w.text())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a row's last segment holds a word of three letters or more ({@code Cashier: Jonas}).
   */
  static boolean wordyTail(Row r) {
    Row.Segment last = r.segments().get(r.segments().size() - 1);
    for (OcrWord w : r.words().subList(last.from(), last.to())) {
      if (Text.countLetters(w.text()) >= 3) {
        return true;
      }
    }
    return false;
  }
}
