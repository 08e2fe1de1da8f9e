package dev.docsift.core.extract;

import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrLine;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The document as visual rows, page by page. OCR lines at the same height are merged into one row
 * (Tesseract cuts a line where a label and its value stand far apart), and words glued to their
 * label by a colon ({@code Date:25/12/2018}) are cut in two.
 *
 * @param pages the pages
 * @param rows every row of every page, in reading order
 */
record Layout(List<OcrPage> pages, List<Row> rows) {
  private static final Pattern GLUED = Pattern.compile("^(\\p{L}[\\p{L}.#\\- ]*:)(\\S+)$");

  /** Validates and copies. */
  Layout {
    pages = List.copyOf(pages);
    rows = List.copyOf(rows);
  }

  /** Builds the rows of every page. */
  static Layout of(List<OcrPage> pages) {
    List<Row> rows = new ArrayList<>();
    for (OcrPage page : pages) {
      rows.addAll(rowsOf(page));
    }
    return new Layout(pages, rows);
  }

  /** The rows of one page (1-based). */
  List<Row> rowsOf(int pageNumber) {
    return rows.stream().filter(r -> r.pageNumber() == pageNumber).toList();
  }

  /** The first page's number, or 1 when there are no pages. */
  int firstPage() {
    return pages.isEmpty() ? 1 : pages.get(0).number();
  }

  /** The row after {@code row} on the same page, if any. */
  Row next(Row row) {
    int i = indexOf(row);
    if (i < 0 || i + 1 >= rows.size() || rows.get(i + 1).page() != row.page()) {
      return null;
    }
    return rows.get(i + 1);
  }

  /** The row before {@code row} on the same page, if any. */
  Row previous(Row row) {
    int i = indexOf(row);
    if (i <= 0 || rows.get(i - 1).page() != row.page()) {
      return null;
    }
    return rows.get(i - 1);
  }

  /** The position of a row in {@link #rows()}, by identity; -1 when absent. */
  int indexOf(Row row) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i) == row) {
        return i;
      }
    }
    return -1;
  }

  private static List<Row> rowsOf(OcrPage page) {
    List<OcrLine> lines = new ArrayList<>(page.lines());
    lines.sort(Comparator.comparingDouble(l -> l.box().centerY()));
    List<List<OcrWord>> groups = new ArrayList<>();
    List<Box> boxes = new ArrayList<>();
    for (OcrLine line : lines) {
      int target = -1;
      for (int g = groups.size() - 1; g >= Math.max(0, groups.size() - 4); g--) {
        if (sameRow(boxes.get(g), groups.get(g), line)) {
          target = g;
          break;
        }
      }
      if (target < 0) {
        groups.add(new ArrayList<>(line.words()));
        boxes.add(line.box());
      } else {
        groups.get(target).addAll(line.words());
        boxes.set(target, boxes.get(target).union(line.box()));
      }
    }
    List<Row> rows = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      order.add(g);
    }
    order.sort(Comparator.comparingDouble(g -> boxes.get(g).centerY()));
    for (int g : order) {
      List<OcrWord> words = new ArrayList<>();
      for (OcrWord w : groups.get(g)) {
        words.addAll(split(w));
      }
      words.removeIf(w -> w.text().isBlank());
      if (words.isEmpty()) {
        continue;
      }
      words.sort(Comparator.comparingInt(w -> w.box().left()));
      rows.add(Row.of(page, rows.size(), words));
    }
    return rows;
  }

  /**
   * Whether a line continues a row: most of their heights overlap and none of its words sits on the
   * row's words.
   */
  private static boolean sameRow(Box rowBox, List<OcrWord> rowWords, OcrLine line) {
    Box lb = line.box();
    int minH = Math.max(1, Math.min(rowBox.height(), lb.height()));
    int maxH = Math.max(rowBox.height(), lb.height());
    if (rowBox.verticalOverlap(lb) < 0.5 * minH
        || Math.abs(rowBox.centerY() - lb.centerY()) > 0.5 * maxH) {
      return false;
    }
    for (OcrWord a : line.words()) {
      for (OcrWord b : rowWords) {
        if (a.box().horizontalOverlap(b.box()) > 0.3 * Math.min(a.box().width(), b.box().width())) {
          return false;
        }
      }
    }
    return true;
  }

  /** Cuts {@code Label:value} into {@code Label:} and {@code value}, sharing the box by length. */
  private static List<OcrWord> split(OcrWord w) {
    Matcher m = GLUED.matcher(w.text());
    if (!m.matches() || Text.countDigits(m.group(2)) == 0) {
      return List.of(w);
    }
    Box b = w.box();
    int cut =
        b.left() + (int) Math.round(b.width() * (double) m.group(1).length() / w.text().length());
    cut = Math.max(b.left(), Math.min(b.right(), cut));
    return List.of(
        new OcrWord(m.group(1), new Box(b.left(), b.top(), cut, b.bottom()), w.confidence()),
        new OcrWord(m.group(2), new Box(cut, b.top(), b.right(), b.bottom()), w.confidence()));
  }
}
