package dev.docsift.core.ocr;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;

/**
 * An 8-bit grey image, row by row, no padding: what Tesseract and PP-OCR are fed. 0 is black, 255
 * white. The pixels are shared, not copied: neither the image nor its caller writes to them.
 *
 * @param pixels {@code (height, width)} grey values, row-major
 * @param width columns
 * @param height rows
 */
public record GreyImage(byte[] pixels, int width, int height) {
  /** Validates. */
  public GreyImage {
    if (pixels.length != width * height) {
      throw new IllegalArgumentException("pixels do not match " + width + "x" + height);
    }
  }

  /**
   * The grey of an image. A grey image whose raster is one plain byte array is used as is (not
   * copied; it must not be written to); other layouts are converted in one pass with Rec. 601 luma,
   * transparent pixels laid on white paper.
   */
  public static GreyImage of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    Raster raster = image.getRaster();
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY
        && raster.getDataBuffer() instanceof DataBufferByte bytes
        && bytes.getNumBanks() == 1
        && bytes.getOffset() == 0
        && raster.getSampleModelTranslateX() == 0
        && raster.getSampleModelTranslateY() == 0
        && bytes.getData().length == w * h) {
      return new GreyImage(bytes.getData(), w, h);
    }
    byte[] out = new byte[w * h];
    if ((image.getType() == BufferedImage.TYPE_INT_RGB
            || image.getType() == BufferedImage.TYPE_INT_ARGB)
        && raster.getDataBuffer() instanceof DataBufferInt ints
        && ints.getOffset() == 0
        && raster.getSampleModelTranslateX() == 0
        && raster.getSampleModelTranslateY() == 0
        && ints.getData().length == w * h) {
      int[] data = ints.getData();
      boolean alpha = image.getType() == BufferedImage.TYPE_INT_ARGB;
      for (int i = 0; i < data.length; i++) {
        out[i] = (byte) luma(data[i], alpha);
      }
      return new GreyImage(out, w, h);
    }
    // Any other layout (3-byte BGR, indexed, 16-bit, CMYK...): getRGB converts to sRGB.
    boolean alpha = image.getColorModel().hasAlpha();
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      int base = y * w;
      for (int x = 0; x < w; x++) {
        out[base + x] = (byte) luma(row[x], alpha);
      }
    }
    return new GreyImage(out, w, h);
  }

  /** A copy of this image as an 8-bit grey {@link BufferedImage}. */
  public BufferedImage toImage() {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    // One pass over the bytes, cheap next to recognition; the copy keeps both images independent.
    System.arraycopy(pixels, 0, data, 0, pixels.length);
    return image;
  }

  private static int luma(int argb, boolean alpha) {
    int r = (argb >> 16) & 0xff;
    int g = (argb >> 8) & 0xff;
    int b = argb & 0xff;
    int y = (r * 299 + g * 587 + b * 114 + 500) / 1000;
    if (alpha) {
      int a = (argb >>> 24) & 0xff;
      y = (y * a + 255 * (255 - a) + 127) / 255;
    }
    return y;
  }

  /** This image turned clockwise by 90, 180 or 270 degrees (0 returns this image). */
  public GreyImage rotateClockwise(int degrees) {
    int w = width;
    int h = height;
    byte[] src = pixels;
    switch (degrees) {
      case 0 -> {
        return this;
      }
      case 180 -> {
        byte[] out = new byte[src.length];
        for (int i = 0, j = src.length - 1; i < src.length; i++, j--) {
          out[j] = src[i];
        }
        return new GreyImage(out, w, h);
      }
      case 90 -> {
        // (x, y) -> (h - 1 - y, x) in a h-wide, w-tall image.
        byte[] out = new byte[src.length];
        for (int y = 0; y < h; y++) {
          int rowStart = y * w;
          int nx = h - 1 - y;
          for (int x = 0; x < w; x++) {
            out[x * h + nx] = src[rowStart + x];
          }
        }
        return new GreyImage(out, h, w);
      }
      case 270 -> {
        // (x, y) -> (y, w - 1 - x) in a h-wide, w-tall image.
        byte[] out = new byte[src.length];
        for (int y = 0; y < h; y++) {
          int rowStart = y * w;
          for (int x = 0; x < w; x++) {
            out[(w - 1 - x) * h + y] = src[rowStart + x];
          }
        }
        return new GreyImage(out, h, w);
      }
      default -> throw new IllegalArgumentException("not a right angle: " + degrees);
    }
  }

  /**
   * This image turned by a small angle about its centre, same size, bilinear; uncovered corners are
   * filled with {@code paper}.
   *
   * @param degrees clockwise on screen (y grows downwards)
   * @param paper the grey of the page's background
   */
  public GreyImage rotateSmall(double degrees, int paper) {
    double rad = Math.toRadians(degrees);
    double cos = Math.cos(rad);
    double sin = Math.sin(rad);
    double cx = (width - 1) / 2.0;
    double cy = (height - 1) / 2.0;
    byte[] out = new byte[pixels.length];
    int w = width;
    int h = height;
    // Inverse mapping: for each output pixel, the source point turned back by -degrees.
    // Fixed point (16 fractional bits) keeps the inner loop to integer arithmetic.
    final int one = 1 << 16;
    for (int y = 0; y < h; y++) {
      double dy = y - cy;
      double sx0 = cx + (-cx) * cos + dy * sin;
      double sy0 = cy - (-cx) * sin + dy * cos;
      long fx = Math.round(sx0 * one);
      long fy = Math.round(sy0 * one);
      long stepX = Math.round(cos * one);
      long stepY = Math.round(-sin * one);
      int base = y * w;
      for (int x = 0; x < w; x++, fx += stepX, fy += stepY) {
        int ix = (int) (fx >> 16);
        int iy = (int) (fy >> 16);
        if (fx < 0 || fy < 0 || ix >= w - 1 || iy >= h - 1) {
          out[base + x] = (byte) paper;
          continue;
        }
        int ax = (int) (fx & 0xffff);
        int ay = (int) (fy & 0xffff);
        int i = iy * w + ix;
        int p00 = pixels[i] & 0xff;
        int p01 = pixels[i + 1] & 0xff;
        int p10 = pixels[i + w] & 0xff;
        int p11 = pixels[i + w + 1] & 0xff;
        int top = (p00 << 16) + (p01 - p00) * ax;
        int bottom = (p10 << 16) + (p11 - p10) * ax;
        long v = ((long) top << 16) + (long) (bottom - top) * ay;
        out[base + x] = (byte) ((v + (1L << 31)) >> 32);
      }
    }
    return new GreyImage(out, w, h);
  }

  /**
   * This image shrunk by a whole factor, each output pixel the mean of a {@code factor} × {@code
   * factor} block (edges that do not fill a block are dropped).
   */
  public GreyImage shrink(int factor) {
    if (factor <= 1) {
      return this;
    }
    int w = width / factor;
    int h = height / factor;
    byte[] out = new byte[w * h];
    int[] sums = new int[w];
    int area = factor * factor;
    for (int y = 0; y < h; y++) {
      java.util.Arrays.fill(sums, 0);
      for (int dy = 0; dy < factor; dy++) {
        int row = (y * factor + dy) * width;
        for (int x = 0, sx = 0; x < w; x++) {
          int s = 0;
          for (int dx = 0; dx < factor; dx++, sx++) {
            s += pixels[row + sx] & 0xff;
          }
          sums[x] += s;
        }
      }
      int base = y * w;
      for (int x = 0; x < w; x++) {
        out[base + x] = (byte) ((sums[x] + area / 2) / area);
      }
    }
    return new GreyImage(out, w, h);
  }
}
