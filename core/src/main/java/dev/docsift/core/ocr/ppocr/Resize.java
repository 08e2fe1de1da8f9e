package dev.docsift.core.ocr.ppocr;

import dev.docsift.core.ocr.GreyImage;

/** Resizing as {@code cv2.resize} with {@code INTER_LINEAR} does it, for the models' inputs. */
final class Resize {
  private Resize() {}

  /**
   * Resizes a grey image bilinearly, pixel centres aligned as OpenCV aligns them.
   *
   * <p>Where the image shrinks by two or more, it is first shrunk by the whole factor with block
   * means: OpenCV's bilinear filter reads only the two nearest pixels each way, so a large
   * reduction (a 300 dpi page to 960 pixels) would skip most of a thin stroke's pixels. PaddleOCR
   * calls {@code cv2.resize} directly; the block mean is docsift's deviation, towards what the
   * models saw in training (text at its natural size).
   *
   * @param image the image
   * @param width the new width
   * @param height the new height
   * @return {@code (height, width)} grey values, 0 to 255, row-major
   */
  static float[] bilinear(GreyImage image, int width, int height) {
    int factor = (int) Math.min((double) image.width() / width, (double) image.height() / height);
    GreyImage src = factor >= 2 ? image.shrink(factor) : image;
    return bilinear(src.pixels(), src.width(), src.height(), width, height);
  }

  /** {@link #bilinear(GreyImage, int, int)} on raw pixels, without the block mean. */
  static float[] bilinear(byte[] src, int sw, int sh, int width, int height) {
    float[] out = new float[width * height];
    double scaleX = (double) sw / width;
    double scaleY = (double) sh / height;
    int[] x0 = new int[width];
    int[] x1 = new int[width];
    float[] fx = new float[width];
    for (int x = 0; x < width; x++) {
      double sx = (x + 0.5) * scaleX - 0.5;
      if (sx < 0) {
        sx = 0;
      }
      int ix = (int) sx;
      if (ix >= sw - 1) {
        x0[x] = sw - 1;
        x1[x] = sw - 1;
        fx[x] = 0;
      } else {
        x0[x] = ix;
        x1[x] = ix + 1;
        fx[x] = (float) (sx - ix);
      }
    }
    for (int y = 0; y < height; y++) {
      double sy = (y + 0.5) * scaleY - 0.5;
      if (sy < 0) {
        sy = 0;
      }
      int iy = (int) sy;
      int iy1 = Math.min(sh - 1, iy + 1);
      if (iy >= sh - 1) {
        iy = sh - 1;
        iy1 = iy;
      }
      float fy = (float) (sy - iy);
      if (iy == iy1) {
        fy = 0;
      }
      int r0 = iy * sw;
      int r1 = iy1 * sw;
      int base = y * width;
      for (int x = 0; x < width; x++) {
        float a = src[r0 + x0[x]] & 0xff;
        float b = src[r0 + x1[x]] & 0xff;
        float c = src[r1 + x0[x]] & 0xff;
        float d = src[r1 + x1[x]] & 0xff;
        float top = a + (b - a) * fx[x];
        float bottom = c + (d - c) * fx[x];
        out[base + x] = top + (bottom - top) * fy;
      }
    }
    return out;
  }
}
