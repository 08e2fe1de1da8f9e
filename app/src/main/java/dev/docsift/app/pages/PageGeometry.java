package dev.docsift.app.pages;

import dev.docsift.core.model.OcrPage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * How OCR turned a page before reading it, so the window shows the page in the frame the boxes are
 * in: a right-angle turn clockwise, then a small rotation that straightens the skew. Boxes are
 * fractions of that corrected page, so the page drawn this way at any size lines up with them.
 *
 * @param rotation the clockwise right-angle turn: 0, 90, 180 or 270
 * @param skewDegrees the skew OCR measured and straightened
 */
public record PageGeometry(int rotation, double skewDegrees) {
  /** A page read as it was. */
  public static final PageGeometry UPRIGHT = new PageGeometry(0, 0);

  /** Validates. */
  public PageGeometry {
    if (rotation % 90 != 0 || rotation < 0 || rotation >= 360) {
      throw new IllegalArgumentException("not a right angle: " + rotation);
    }
  }

  /** The geometry OCR used on a page. */
  public static PageGeometry of(OcrPage page) {
    return new PageGeometry(page.rotation(), page.skewDegrees());
  }

  /**
   * Draws a page as OCR saw it, scaled.
   *
   * @param page the page as rendered
   * @param scale the size of the result relative to the page (1 keeps it)
   * @return an RGB image, white where the turn uncovers no page
   */
  public BufferedImage apply(BufferedImage page, double scale) {
    int w = page.getWidth();
    int h = page.getHeight();
    boolean sideways = rotation == 90 || rotation == 270;
    int outW = Math.max(1, (int) Math.round((sideways ? h : w) * scale));
    int outH = Math.max(1, (int) Math.round((sideways ? w : h) * scale));
    BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, outW, outH);
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(page, transform(w, h, outW, outH, scale), null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /**
   * Page pixels to corrected pixels. Java2D's positive angles turn clockwise on screen (y points
   * down), as OCR's do: the right-angle turn first, then the straightening by {@code -skew}, both
   * about the page's centre.
   */
  AffineTransform transform(int w, int h, int outW, int outH, double scale) {
    AffineTransform t = new AffineTransform();
    t.translate(outW / 2.0, outH / 2.0);
    t.rotate(Math.toRadians(-skewDegrees));
    t.rotate(Math.toRadians(rotation));
    t.scale(scale, scale);
    t.translate(-w / 2.0, -h / 2.0);
    return t;
  }
}
