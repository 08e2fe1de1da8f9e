package dev.docsift.samples;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Plain pages with words at known places: black lines of 40-point bold sans on white, grey, for
 * checks that depend on where a page's words are (tiling, cropping) rather than on what a document
 * says.
 */
public final class TextPages {
  private TextPages() {}

  /**
   * Draws a page.
   *
   * @param width the page's width in pixels
   * @param height its height
   * @param lines the texts, taken in turn for the lines (and again from the first when there are
   *     more heights)
   * @param baselines each line's baseline, in pixels from the top; lines start 60 px from the left
   * @return the page
   * @throws IllegalArgumentException when there are no texts
   */
  public static BufferedImage of(int width, int height, List<String> lines, int... baselines) {
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("no text to draw");
    }
    BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 40));
    for (int i = 0; i < baselines.length; i++) {
      g.drawString(lines.get(i % lines.size()), 60, baselines[i]);
    }
    g.dispose();
    return page;
  }
}
