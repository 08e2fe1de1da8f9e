package dev.docsift.samples;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** What a flatbed scanner and its software do to a page: skew, blur, noise, JPEG. */
final class ScanEffects {
  private ScanEffects() {}

  /** Rotates the image about its centre, filling the uncovered corners with paper. */
  static BufferedImage rotate(BufferedImage image, double degrees, int paper) {
    BufferedImage out =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Renderer.grey(paper));
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.rotate(Math.toRadians(degrees), image.getWidth() / 2.0, image.getHeight() / 2.0);
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /**
   * Blends each pixel with its 3×3 binomial neighbourhood.
   *
   * @param amount 0 leaves the image as is, 1 is the full 3×3 blur
   */
  static void blur(BufferedImage image, double amount) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] px = pixels(image);
    byte[] src = px.clone();
    int keep = (int) Math.round((1 - amount) * 256);
    int mix = 256 - keep;
    for (int y = 1; y < h - 1; y++) {
      int row = y * w;
      for (int x = 1; x < w - 1; x++) {
        int i = row + x;
        int sum =
            (src[i - w - 1] & 0xff)
                + 2 * (src[i - w] & 0xff)
                + (src[i - w + 1] & 0xff)
                + 2 * (src[i - 1] & 0xff)
                + 4 * (src[i] & 0xff)
                + 2 * (src[i + 1] & 0xff)
                + (src[i + w - 1] & 0xff)
                + 2 * (src[i + w] & 0xff)
                + (src[i + w + 1] & 0xff);
        px[i] = (byte) (((src[i] & 0xff) * keep + (sum >> 4) * mix + 128) >> 8);
      }
    }
  }

  /** Adds zero-mean noise of about the given standard deviation in grey levels. */
  static void noise(BufferedImage image, double sigma, Rng rng) {
    byte[] px = pixels(image);
    // Two uniform bytes summed make a triangular distribution with sd 104.5: cheap and smooth.
    double scale = sigma / 104.5;
    for (int i = 0; i < px.length; i += 4) {
      long bits = rng.nextLong();
      for (int k = 0; k < 4 && i + k < px.length; k++) {
        int a = (int) (bits >>> (16 * k)) & 0xff;
        int b = (int) (bits >>> (16 * k + 8)) & 0xff;
        int v = (px[i + k] & 0xff) + (int) Math.round((a + b - 255) * scale);
        px[i + k] = (byte) Math.max(0, Math.min(255, v));
      }
    }
  }

  /** Encodes the image as JPEG at a quality in percent and decodes it again. */
  static BufferedImage jpegRoundTrip(BufferedImage image, int quality) {
    try {
      byte[] jpeg = jpeg(image, quality / 100f);
      ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
      try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
        reader.setInput(in);
        BufferedImage decoded = reader.read(0);
        return decoded.getType() == BufferedImage.TYPE_BYTE_GRAY ? decoded : toGrey(decoded);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("JPEG round trip in memory failed", e);
    }
  }

  /** The image encoded as baseline JPEG, entirely in memory. */
  static byte[] jpeg(BufferedImage image, float quality) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // A memory cache keeps ImageIO from spilling to temporary files.
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  static BufferedImage toGrey(BufferedImage image) {
    BufferedImage grey =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = grey.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return grey;
  }

  private static byte[] pixels(BufferedImage image) {
    if (image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
      throw new IllegalArgumentException("expected a TYPE_BYTE_GRAY image");
    }
    return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
  }
}
