package dev.docsift.core.ocr.ppocr;

import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrLine;
import dev.docsift.core.model.OcrWord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders detected boxes and joins those on one printed line. PP-OCR finds one box per run of text,
 * so a receipt's item and its right-aligned price are two boxes; Tesseract gives them as one line,
 * and the extractor expects that.
 */
final class LineGrouper {
  private LineGrouper() {}

  /**
   * PaddleOCR's {@code sorted_boxes}: by the top-left corner's y then x, then boxes whose top-left
   * corners lie within 10 pixels of each other in height are put left to right.
   *
   * @param quads the boxes
   * @return them in reading order
   */
  static List<Quad> sorted(List<Quad> quads) {
    List<Quad> boxes = new ArrayList<>(quads);
    boxes.sort(Comparator.comparingDouble((Quad q) -> q.y(0)).thenComparingDouble(q -> q.x(0)));
    for (int i = 0; i < boxes.size() - 1; i++) {
      for (int j = i; j >= 0; j--) {
        Quad next = boxes.get(j + 1);
        Quad cur = boxes.get(j);
        if (Math.abs(next.y(0) - cur.y(0)) < 10 && next.x(0) < cur.x(0)) {
          boxes.set(j, next);
          boxes.set(j + 1, cur);
        } else {
          break;
        }
      }
    }
    return boxes;
  }

  /**
   * Joins runs of words into lines: a run joins the line whose box holds its vertical centre and
   * whose vertical centre it holds, and which it does not overlap sideways; lines top to bottom,
   * words left to right.
   *
   * @param runs each detected box's words, in reading order, none empty
   * @return the lines
   */
  static List<OcrLine> group(List<List<OcrWord>> runs) {
    List<List<OcrWord>> lines = new ArrayList<>();
    List<Box> boxes = new ArrayList<>();
    for (List<OcrWord> run : runs) {
      Box box = union(run);
      int best = -1;
      int bestOverlap = 0;
      for (int i = 0; i < lines.size(); i++) {
        Box line = boxes.get(i);
        if (!holds(line, box.centerY()) || !holds(box, line.centerY())) {
          continue;
        }
        if (lines.get(i).stream().anyMatch(w -> overlapsSideways(w.box(), box))) {
          continue;
        }
        int overlap = line.verticalOverlap(box);
        if (overlap > bestOverlap) {
          best = i;
          bestOverlap = overlap;
        }
      }
      if (best < 0) {
        lines.add(new ArrayList<>(run));
        boxes.add(box);
      } else {
        lines.get(best).addAll(run);
        boxes.set(best, boxes.get(best).union(box));
      }
    }
    List<OcrLine> out = new ArrayList<>();
    for (List<OcrWord> words : lines) {
      words.sort(Comparator.comparingInt(w -> w.box().left()));
      out.add(OcrLine.of(words));
    }
    out.sort(Comparator.comparingDouble(l -> l.box().centerY()));
    return out;
  }

  private static boolean holds(Box box, double y) {
    return box.top() <= y && y <= box.bottom();
  }

  /** Overlapping by more than a third of the narrower box: two boxes of different lines. */
  private static boolean overlapsSideways(Box a, Box b) {
    return a.horizontalOverlap(b) * 3 > Math.min(a.width(), b.width());
  }

  private static Box union(List<OcrWord> words) {
    Box box = words.get(0).box();
    for (OcrWord w : words) {
      box = box.union(w.box());
    }
    return box;
  }
}
