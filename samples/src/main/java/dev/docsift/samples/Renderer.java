package dev.docsift.samples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** Draws a laid-out page onto a greyscale image at a resolution. */
final class Renderer {
  private Renderer() {}

  /**
   * Draws the page.
   *
   * @param paper the paper's grey level, 255 for white
   * @param ink the ink's grey level, 0 for black
   */
  static BufferedImage render(PageLayout page, int dpi, int paper, int ink) {
    double scale = dpi / 72.0;
    int w = (int) Math.round(page.width() * scale);
    int h = (int) Math.round(page.height() * scale);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(grey(paper));
      g.fillRect(0, 0, w, h);
      g.scale(scale, scale);
      Color inkColor = grey(ink);
      for (PageLayout.Element e : page.elements()) {
        switch (e) {
          case PageLayout.Text t -> {
            g.setColor(inkColor);
            g.setFont(t.font());
            g.drawString(t.text(), (float) t.x(), (float) t.baseline());
          }
          case PageLayout.Rule r -> {
            g.setColor(inkColor);
            g.setStroke(new BasicStroke((float) r.thickness()));
            g.draw(new Line2D.Double(r.x0(), r.y0(), r.x1(), r.y1()));
          }
          case PageLayout.Shade s -> {
            // A shade is relative to the paper, so a dark paper keeps its tint lighter than ink.
            g.setColor(grey(Math.min(paper, s.grey())));
            g.fill(new Rectangle2D.Double(s.x(), s.y(), s.width(), s.height()));
          }
        }
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  static Color grey(int level) {
    return new Color(level, level, level);
  }
}
