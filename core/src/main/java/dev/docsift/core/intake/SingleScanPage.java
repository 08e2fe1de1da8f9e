package dev.docsift.core.intake;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.util.Matrix;

/**
 * Recognises a page that is nothing but one embedded scan: its content draws exactly one image
 * XObject, upright and covering the crop box, and nothing else (no text, no paths, no annotations,
 * no masks). Such a page is taken from the image directly, which is faster than rendering and loses
 * nothing.
 */
final class SingleScanPage {
  /** How far the image's edges may miss the crop box's, as a fraction of the page's size. */
  private static final double EDGE_TOLERANCE = 0.01;

  private SingleScanPage() {}

  /**
   * The scan, or null when the page must be rendered.
   *
   * @param page the page
   * @param dpi the requested resolution: a scan finer than twice that is rendered down instead,
   *     since OCR gains nothing from it and pays for every pixel
   */
  static PDImageXObject find(PDPage page, int dpi) throws IOException {
    if (page.getRotation() % 360 != 0 || !page.getAnnotations().isEmpty()) {
      return null;
    }
    PDResources resources = page.getResources();
    if (resources == null || !page.hasContents()) {
      return null;
    }
    Placement placement;
    PDFStreamParser parser = new PDFStreamParser(page);
    try {
      placement = onlyImagePlacement(parser);
    } finally {
      parser.close();
    }
    if (placement == null) {
      return null;
    }
    Matrix placed = placement.ctm();
    COSName drawn = placement.name();
    PDXObject xobject = resources.getXObject(drawn);
    if (!(xobject instanceof PDImageXObject image)
        || image.isStencil()
        || image.getSoftMask() != null
        || image.getMask() != null
        || image.getColorKeyMask() != null) {
      return null;
    }
    PDRectangle box = page.getCropBox();
    if (!covers(placed, box)) {
      return null;
    }
    double scanDpi = image.getWidth() / (box.getWidth() / 72.0);
    return scanDpi > 2.0 * dpi ? null : image;
  }

  /** Where the content's single {@code Do} draws, or null when the content does anything else. */
  private static Placement onlyImagePlacement(PDFStreamParser parser) throws IOException {
    Matrix ctm = new Matrix();
    Deque<Matrix> saved = new ArrayDeque<>();
    Deque<COSBase> operands = new ArrayDeque<>();
    Placement placement = null;
    for (Object token = parser.parseNextToken(); token != null; token = parser.parseNextToken()) {
      if (!(token instanceof Operator op)) {
        operands.addLast((COSBase) token);
        continue;
      }
      switch (op.getName()) {
        case "q" -> saved.push(ctm.clone());
        case "Q" -> ctm = saved.isEmpty() ? ctm : saved.pop();
        case "cm" -> {
          Matrix m = matrix(operands);
          if (m == null) {
            return null;
          }
          ctm = m.multiply(ctm);
        }
        case "Do" -> {
          if (placement != null
              || operands.size() != 1
              || !(operands.peek() instanceof COSName n)) {
            return null;
          }
          placement = new Placement(n, ctm.clone());
        }
        default -> {
          // Text, paths, shadings, inline images...: the page shows more than one scan.
          return null;
        }
      }
      operands.clear();
    }
    return placement;
  }

  private record Placement(COSName name, Matrix ctm) {}

  private static Matrix matrix(Deque<COSBase> operands) {
    if (operands.size() != 6) {
      return null;
    }
    float[] v = new float[6];
    int i = 0;
    for (COSBase b : operands) {
      if (!(b instanceof COSNumber n)) {
        return null;
      }
      v[i++] = n.floatValue();
    }
    return new Matrix(v[0], v[1], v[2], v[3], v[4], v[5]);
  }

  /** Whether the unit square, mapped by the matrix, is the crop box, upright and unflipped. */
  private static boolean covers(Matrix m, PDRectangle box) {
    double a = m.getValue(0, 0);
    double b = m.getValue(0, 1);
    double c = m.getValue(1, 0);
    double d = m.getValue(1, 1);
    double x = m.getTranslateX();
    double y = m.getTranslateY();
    double tolX = Math.max(1.0, box.getWidth() * EDGE_TOLERANCE);
    double tolY = Math.max(1.0, box.getHeight() * EDGE_TOLERANCE);
    return Math.abs(b) < 1e-3
        && Math.abs(c) < 1e-3
        && a > 0
        && d > 0
        && Math.abs(x - box.getLowerLeftX()) <= tolX
        && Math.abs(y - box.getLowerLeftY()) <= tolY
        && Math.abs(x + a - box.getUpperRightX()) <= tolX
        && Math.abs(y + d - box.getUpperRightY()) <= tolY;
  }
}
