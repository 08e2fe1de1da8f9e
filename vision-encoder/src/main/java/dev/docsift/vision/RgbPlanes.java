package dev.docsift.vision;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;

/**
 * An image as three float planes (R, G, B) with values in [0, 1].
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param planes {@code [3][height * width]}, row-major
 */
record RgbPlanes(int width, int height, float[][] planes) {

  /**
   * Reads any {@link BufferedImage}. Grey images give three equal channels, alpha is dropped (as
   * PIL's {@code convert("RGB")}).
   */
  static RgbPlanes of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    Raster raster = image.getRaster();
    var cm = image.getColorModel();
    int csType = cm.getColorSpace().getType();
    boolean component = cm instanceof ComponentColorModel || cm instanceof DirectColorModel;
    int[] row = new int[w * raster.getNumBands()];
    if (component && csType == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1) {
      // Raw samples, not getRGB(): Java's grey colour space is linear, so getRGB() would apply a
      // gamma curve and brighten the page; PIL's L -> RGB just copies the value.
      float max = (1 << cm.getComponentSize(0)) - 1;
      int bands = raster.getNumBands();
      float[] grey = new float[w * h];
      for (int y = 0; y < h; y++) {
        raster.getPixels(0, y, w, 1, row);
        for (int x = 0; x < w; x++) {
          grey[y * w + x] = row[x * bands] / max;
        }
      }
      // One array for the three channels: callers that see the same array twice (the tiler)
      // resize it once. Nobody writes to planes.
      return new RgbPlanes(w, h, new float[][] {grey, grey, grey});
    }
    float[][] planes = new float[3][w * h];
    if (component
        && csType == ColorSpace.TYPE_RGB
        && cm.getColorSpace().isCS_sRGB()
        && raster.getNumBands() >= 3) {
      // Raster bands are R, G, B(, A) for every standard RGB type, whatever the byte order.
      int bands = raster.getNumBands();
      float[] max = new float[3];
      for (int c = 0; c < 3; c++) {
        max[c] = (1 << cm.getComponentSize(c)) - 1;
      }
      for (int y = 0; y < h; y++) {
        raster.getPixels(0, y, w, 1, row);
        for (int x = 0; x < w; x++) {
          int i = y * w + x;
          for (int c = 0; c < 3; c++) {
            planes[c][i] = row[x * bands + c] / max[c];
          }
        }
      }
    } else {
      // Indexed, binary and other colour spaces: let Java convert to sRGB.
      int[] argb = new int[w];
      for (int y = 0; y < h; y++) {
        image.getRGB(0, y, w, 1, argb, 0, w);
        for (int x = 0; x < w; x++) {
          int p = argb[x];
          int i = y * w + x;
          planes[0][i] = ((p >> 16) & 0xff) / 255f;
          planes[1][i] = ((p >> 8) & 0xff) / 255f;
          planes[2][i] = (p & 0xff) / 255f;
        }
      }
    }
    return new RgbPlanes(w, h, planes);
  }
}
