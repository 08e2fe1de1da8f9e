package dev.docsift.vision;

import java.awt.image.BufferedImage;

/** Test images defined by formula, identical to {@code synthetic_image} in scripts/vision. */
final class SyntheticImages {

  private SyntheticImages() {}

  static BufferedImage pattern(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int r = (3 * x + 5 * y) % 256;
        int g = ((x ^ y) * 7) % 256;
        int b = (x * x / 7 + 2 * y) % 256;
        row[x] = (r << 16) | (g << 8) | b;
      }
      image.setRGB(0, y, width, 1, row, 0, width);
    }
    return image;
  }

  /** An image whose cells of a cols x rows grid each have a distinct solid colour. */
  static BufferedImage cells(int width, int height, int cols, int rows) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int cell = (y * rows / height) * cols + (x * cols / width);
        image.setRGB(x, y, cellColour(cell));
      }
    }
    return image;
  }

  static int cellColour(int cell) {
    return ((cell * 40) << 16) | ((255 - cell * 30) << 8) | (cell * 17 + 5);
  }

  /** Grey to RGB by sample copy, as PIL's L -> RGB. */
  static BufferedImage toRgb(BufferedImage grey) {
    BufferedImage rgb =
        new BufferedImage(grey.getWidth(), grey.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < grey.getHeight(); y++) {
      for (int x = 0; x < grey.getWidth(); x++) {
        int v = grey.getRaster().getSample(x, y, 0);
        rgb.setRGB(x, y, (v << 16) | (v << 8) | v);
      }
    }
    return rgb;
  }
}
