package dev.docsift.core.ocr;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Pages drawn with Java2D, so tests know exactly what is where. */
final class TestPages {
  /** A line of text and where its baseline starts, in pixels. */
  record Text(String text, int x, int y) {}

  static final List<Text> LETTER =
      List.of(
          new Text("INVOICE NUMBER 4711", 150, 200),
          new Text("The quick brown fox jumps over the lazy dog.", 150, 330),
          new Text("Pack my box with five dozen liquor jugs.", 150, 420),
          new Text("Sphinx of black quartz, judge my vow.", 150, 510),
          new Text("How vexingly quick daft zebras jump!", 150, 600),
          new Text("Bright vixens jump; dozy fowl quack.", 150, 690),
          new Text("Amazingly few discotheques provide jukeboxes.", 150, 780),
          new Text("Total amount due 1234.56 EUR", 150, 910),
          new Text("Payment within thirty days of receipt.", 150, 1000),
          new Text("Thank you for your business with us.", 150, 1090));

  private TestPages() {}

  /** A white grey page with the lines drawn in black, turned clockwise by {@code skewDegrees}. */
  static BufferedImage draw(int width, int height, List<Text> lines, double skewDegrees) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.rotate(Math.toRadians(skewDegrees), width / 2.0, height / 2.0);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 44));
      for (Text t : lines) {
        g.drawString(t.text(), t.x(), t.y());
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /** The letter page, 1700 x 1200 pixels (A4 landscape-ish at about 200 dpi). */
  static BufferedImage letter() {
    return draw(1700, 1200, LETTER, 0);
  }

  /** The image turned clockwise by 90, 180 or 270 degrees. */
  static BufferedImage turn(BufferedImage src, int degrees) {
    int w = src.getWidth();
    int h = src.getHeight();
    boolean swap = degrees % 180 != 0;
    BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = src.getRaster().getSample(x, y, 0);
        switch (degrees) {
          case 90 -> out.getRaster().setSample(h - 1 - y, x, 0, v);
          case 180 -> out.getRaster().setSample(w - 1 - x, h - 1 - y, 0, v);
          case 270 -> out.getRaster().setSample(y, w - 1 - x, 0, v);
          default -> out.getRaster().setSample(x, y, 0, v);
        }
      }
    }
    return out;
  }
}
