package dev.docsift.core.ocr.ppocr;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.docsift.core.ocr.GreyImage;
import dev.docsift.slm.decoder.OrtRuntime;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PP-OCRv4's text detector (DB, Differentiable Binarization) with PaddleOCR's pre- and
 * post-processing: {@code DetResizeForTest} (long side at most {@code limit}, sides multiples of
 * 32), {@code NormalizeImage} (ImageNet mean and std on BGR / 255), then {@code DBPostProcess}
 * (threshold 0.3, box score 0.6, unclip ratio 1.5, minimum size 3) and the detector's own filter
 * (corners ordered and clipped, boxes of 3 pixels or less dropped).
 */
final class TextDetector {
  static final double THRESH = 0.3;
  static final double BOX_THRESH = 0.6;
  static final double UNCLIP_RATIO = 1.5;
  static final int MIN_SIZE = 3;
  static final int MAX_CANDIDATES = 1000;

  // Channel order B, G, R, as OpenCV reads an image.
  private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] STD = {0.229f, 0.224f, 0.225f};

  private final OrtSession session;
  private final int limit;

  TextDetector(OrtSession session, int limit) {
    this.session = session;
    this.limit = limit;
  }

  /**
   * Finds the text boxes of a page.
   *
   * @param page the page
   * @return the boxes in the page's pixel frame, corners ordered clockwise from top left, in the
   *     order components were found (not reading order)
   * @throws OrtException when the model fails
   */
  List<Quad> detect(GreyImage page) throws OrtException {
    int[] size = inputSize(page.width(), page.height(), limit);
    int w = size[0];
    int h = size[1];
    float[] grey = Resize.bilinear(page, w, h);
    // (1, 3, h, w): the grey page in each of the three channels, normalised per channel.
    float[] input = new float[3 * w * h];
    for (int c = 0; c < 3; c++) {
      float scale = 1f / (255f * STD[c]);
      float shift = MEAN[c] / STD[c];
      int base = c * w * h;
      for (int i = 0; i < w * h; i++) {
        input[base + i] = grey[i] * scale - shift;
      }
    }
    OrtEnvironment env = OrtRuntime.environment();
    float[] prob;
    try (OnnxTensor tensor =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 3, h, w});
        OrtSession.Result result = session.run(Map.of("x", tensor))) {
      // (1, 1, h, w): the probability that a pixel lies in a (shrunk) text region.
      OnnxTensor out = (OnnxTensor) result.get(0);
      FloatBuffer buffer = out.getFloatBuffer();
      prob = new float[buffer.remaining()];
      buffer.get(prob);
    }
    return boxes(prob, w, h, page.width(), page.height());
  }

  /**
   * {@code DetResizeForTest}, limit type {@code max}: shrinks so that the long side is at most the
   * limit (never enlarges), then rounds each side to a multiple of 32, at least 32.
   *
   * @return {@code {width, height}}
   */
  static int[] inputSize(int width, int height, int limit) {
    double ratio = Math.max(width, height) > limit ? (double) limit / Math.max(width, height) : 1;
    int h = (int) (height * ratio);
    int w = (int) (width * ratio);
    h = Math.max((int) Math.round(h / 32.0) * 32, 32);
    w = Math.max((int) Math.round(w / 32.0) * 32, 32);
    return new int[] {w, h};
  }

  /**
   * {@code DBPostProcess.boxes_from_bitmap} and the detector's filter: the connected regions of the
   * thresholded map, each region's minimum-area rectangle, scored by the mean probability inside
   * it, grown by the unclip offset and scaled to the page.
   *
   * @param prob {@code (h, w)} probabilities
   * @param w the map's width
   * @param h the map's height
   * @param destWidth the page's width
   * @param destHeight the page's height
   * @return the boxes on the page
   */
  static List<Quad> boxes(float[] prob, int w, int h, int destWidth, int destHeight) {
    List<Quad> out = new ArrayList<>();
    int[] labels = new int[w * h];
    int[] stack = new int[w * h];
    int[] rowMin = new int[h];
    int[] rowMax = new int[h];
    int found = 0;
    for (int start = 0; start < w * h && found < MAX_CANDIDATES; start++) {
      if (labels[start] != 0 || prob[start] <= THRESH) {
        continue;
      }
      found++;
      // Flood fill (8-connected, as OpenCV's contours join pixels), keeping each row's extremes:
      // their convex hull is the region's.
      int top = start / w;
      int bottom = top;
      java.util.Arrays.fill(rowMin, top, h, Integer.MAX_VALUE);
      java.util.Arrays.fill(rowMax, top, h, -1);
      int sp = 0;
      stack[sp++] = start;
      labels[start] = found;
      while (sp > 0) {
        int p = stack[--sp];
        int px = p % w;
        int py = p / w;
        rowMin[py] = Math.min(rowMin[py], px);
        rowMax[py] = Math.max(rowMax[py], px);
        bottom = Math.max(bottom, py);
        for (int dy = -1; dy <= 1; dy++) {
          int ny = py + dy;
          if (ny < 0 || ny >= h) {
            continue;
          }
          for (int dx = -1; dx <= 1; dx++) {
            int nx = px + dx;
            if (nx < 0 || nx >= w) {
              continue;
            }
            int q = ny * w + nx;
            if (labels[q] == 0 && prob[q] > THRESH) {
              labels[q] = found;
              stack[sp++] = q;
            }
          }
        }
      }
      int rows = bottom - top + 1;
      double[] xs = new double[2 * rows];
      double[] ys = new double[2 * rows];
      int n = 0;
      for (int y = top; y <= bottom; y++) {
        if (rowMax[y] < 0) {
          continue;
        }
        xs[n] = rowMin[y];
        ys[n++] = y;
        xs[n] = rowMax[y];
        ys[n++] = y;
      }
      Geometry.Rect rect = Geometry.minAreaRect(Geometry.convexHull(xs, ys, n));
      if (rect.shortSide() < MIN_SIZE) {
        continue;
      }
      Quad shrunk = Geometry.miniBox(rect);
      if (boxScore(prob, w, h, shrunk) < BOX_THRESH) {
        continue;
      }
      Geometry.Rect grown = Geometry.unclip(rect, UNCLIP_RATIO);
      if (grown.shortSide() < MIN_SIZE + 2) {
        continue;
      }
      Quad box = Geometry.miniBox(grown);
      double[] bx = new double[4];
      double[] by = new double[4];
      for (int i = 0; i < 4; i++) {
        bx[i] = clip(Math.round(box.x(i) / w * destWidth), destWidth);
        by[i] = clip(Math.round(box.y(i) / h * destHeight), destHeight);
      }
      // The detector's filter_tag_det_res.
      Quad ordered = Quad.ordered(bx, by).clip(destWidth, destHeight);
      int rw = (int) Math.hypot(ordered.x(0) - ordered.x(1), ordered.y(0) - ordered.y(1));
      int rh = (int) Math.hypot(ordered.x(0) - ordered.x(3), ordered.y(0) - ordered.y(3));
      if (rw <= 3 || rh <= 3) {
        continue;
      }
      out.add(ordered);
    }
    return out;
  }

  private static double clip(double v, int max) {
    return Math.max(0, Math.min(max, v));
  }

  /**
   * {@code box_score_fast}: the mean probability over the pixels of the box's bounding rectangle
   * that lie inside the box, its corners truncated to whole pixels as {@code cv2.fillPoly} takes
   * them.
   */
  static double boxScore(float[] prob, int w, int h, Quad box) {
    int[] qx = new int[4];
    int[] qy = new int[4];
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      minX = Math.min(minX, box.x(i));
      maxX = Math.max(maxX, box.x(i));
      minY = Math.min(minY, box.y(i));
      maxY = Math.max(maxY, box.y(i));
    }
    int x0 = (int) Math.max(0, Math.min(w - 1, Math.floor(minX)));
    int x1 = (int) Math.max(0, Math.min(w - 1, Math.ceil(maxX)));
    int y0 = (int) Math.max(0, Math.min(h - 1, Math.floor(minY)));
    int y1 = (int) Math.max(0, Math.min(h - 1, Math.ceil(maxY)));
    for (int i = 0; i < 4; i++) {
      qx[i] = (int) (box.x(i) - x0) + x0;
      qy[i] = (int) (box.y(i) - y0) + y0;
    }
    double sum = 0;
    int count = 0;
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        if (inside(qx, qy, x, y)) {
          sum += prob[y * w + x];
          count++;
        }
      }
    }
    return count == 0 ? 0 : sum / count;
  }

  /** Whether a point lies in a convex quad or on its edges, whichever way round the quad runs. */
  private static boolean inside(int[] qx, int[] qy, int x, int y) {
    boolean neg = false;
    boolean pos = false;
    for (int i = 0; i < 4; i++) {
      int j = (i + 1) % 4;
      long cross = (long) (qx[j] - qx[i]) * (y - qy[i]) - (long) (qy[j] - qy[i]) * (x - qx[i]);
      neg |= cross < 0;
      pos |= cross > 0;
    }
    return !(neg && pos);
  }
}
