package dev.docsift.core.extract;

import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import java.util.ArrayList;
import java.util.List;

/**
 * A visual row: the words of one page at one height, left to right, gathered from however many
 * {@code OcrLine}s Tesseract split them into (it splits a line at a wide gap between a label and
 * its value).
 *
 * @param page the page the row is on
 * @param index the row's position on its page, top to bottom
 * @param words the words, left to right
 * @param box the box around them
 * @param segments runs of words separated by wide gaps (columns), left to right
 */
record Row(OcrPage page, int index, List<OcrWord> words, Box box, List<Segment> segments) {
  /** A gap wider than this many word heights starts a new segment. */
  static final double SEGMENT_GAP = 1.5;

  /** Validates and copies. */
  Row {
    words = List.copyOf(words);
    segments = List.copyOf(segments);
  }

  /** Builds a row and cuts it into segments. */
  static Row of(OcrPage page, int index, List<OcrWord> words) {
    Box box = words.get(0).box();
    for (OcrWord w : words) {
      box = box.union(w.box());
    }
    double h = medianHeight(words);
    List<Segment> segments = new ArrayList<>();
    int from = 0;
    for (int i = 1; i <= words.size(); i++) {
      if (i == words.size()
          || words.get(i).box().left() - words.get(i - 1).box().right() > SEGMENT_GAP * h) {
        segments.add(new Segment(from, i));
        from = i;
      }
    }
    return new Row(page, index, words, box, segments);
  }

  /** The 1-based page number. */
  int pageNumber() {
    return page.number();
  }

  /** The words joined by single spaces. */
  String text() {
    return run(0, words.size()).text();
  }

  /** The median word height, a stand-in for the font size. */
  double height() {
    return medianHeight(words);
  }

  /** A run of words from {@code from} (inclusive) to {@code to} (exclusive). */
  WordRun run(int from, int to) {
    return WordRun.of(words.subList(from, to));
  }

  /** The segment that holds word {@code i}. */
  Segment segmentOf(int i) {
    for (Segment s : segments) {
      if (s.from() <= i && i < s.to()) {
        return s;
      }
    }
    throw new IllegalArgumentException("no word " + i);
  }

  /** The box around words {@code from} to {@code to}. */
  Box boxOf(int from, int to) {
    Box b = words.get(from).box();
    for (int i = from + 1; i < to; i++) {
      b = b.union(words.get(i).box());
    }
    return b;
  }

  static double medianHeight(List<OcrWord> words) {
    double[] hs = words.stream().mapToDouble(w -> w.box().height()).sorted().toArray();
    return Math.max(1, hs[hs.length / 2]);
  }

  /**
   * A run of words of the row with no wide gap inside.
   *
   * @param from the first word's index in the row
   * @param to the index after the last word
   */
  record Segment(int from, int to) {}
}
