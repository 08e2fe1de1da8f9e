package dev.docsift.core.intake;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;

/**
 * A JPEG's EXIF Orientation tag (1 to 8) and the turn or flip that makes its pixels upright.
 *
 * <p>Phone cameras store the sensor's pixels as they came and say in EXIF how to show them; ImageIO
 * ignores the tag, so a photo taken in portrait reaches OCR lying on its side unless it is applied.
 * The tag values, by how the stored image's first row must be moved to show it:
 *
 * <ol>
 *   <li>as stored;
 *   <li>mirrored left to right;
 *   <li>turned 180°;
 *   <li>mirrored top to bottom;
 *   <li>transposed (mirrored across the main diagonal);
 *   <li>turned 90° clockwise;
 *   <li>transversed (mirrored across the other diagonal);
 *   <li>turned 90° counter-clockwise.
 * </ol>
 */
final class ExifOrientation {
  /** The tag's value when it is absent or unusable: the pixels are shown as stored. */
  static final int NORMAL = 1;

  private ExifOrientation() {}

  /**
   * The orientation a JPEG's first EXIF segment states.
   *
   * @param jpeg the file
   * @return 1 to 8; {@link #NORMAL} when there is no EXIF, no tag, or a value out of range
   */
  static int read(Path jpeg) {
    try (ImageInputStream in = ImageIO.createImageInputStream(jpeg.toFile())) {
      if (in == null) {
        return NORMAL;
      }
      // Reads the marker segments up to the first scan; the pixels are not touched.
      List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
      for (JPEGSegment segment : exif) {
        int value = fromExif(segment.data());
        if (value != NORMAL) {
          return value;
        }
      }
      return NORMAL;
    } catch (IOException | RuntimeException e) {
      // Damaged metadata must not cost the pixels: show the image as stored.
      return NORMAL;
    }
  }

  /** The orientation in an EXIF payload (after the "Exif" identifier). */
  static int fromExif(InputStream payload) throws IOException {
    byte[] bytes = payload.readAllBytes();
    // The identifier is "Exif\0\0": the segment reader strips one NUL, so one pad byte may remain.
    int start = 0;
    while (start < bytes.length && start < 2 && bytes[start] == 0) {
      start++;
    }
    if (bytes.length - start < 8) {
      return NORMAL;
    }
    try (ImageInputStream tiff =
        ImageIO.createImageInputStream(
            new ByteArrayInputStream(bytes, start, bytes.length - start))) {
      Directory ifd = new TIFFReader().read(tiff);
      Entry entry = ifd.getEntryById(TIFF.TAG_ORIENTATION);
      if (entry != null && entry.getValue() instanceof Number n) {
        int value = n.intValue();
        if (value >= 1 && value <= 8) {
          return value;
        }
      }
      return NORMAL;
    }
  }

  /**
   * The image as it is meant to be shown.
   *
   * @param image the pixels as stored
   * @param orientation the EXIF orientation, 1 to 8 (anything else leaves the image as it is)
   * @return the image itself for {@link #NORMAL}, else a new image of the same type and colour
   *     model, its width and height swapped for 5 to 8
   */
  static BufferedImage apply(BufferedImage image, int orientation) {
    if (orientation < 2 || orientation > 8) {
      return image;
    }
    Raster src = image.getRaster();
    int w = src.getWidth();
    int h = src.getHeight();
    // 5 to 8 turn each stored row into a column of the result; 2 to 4 keep rows as rows.
    boolean rowToColumn = orientation >= 5;
    // Which stored rows land at the far end (bottom row, or right column) of the result.
    boolean fromFarEnd =
        orientation == 3 || orientation == 4 || orientation == 6 || orientation == 7;
    // Whether a stored row is read right to left into its place.
    boolean reversed = orientation == 2 || orientation == 3 || orientation == 7 || orientation == 8;
    BufferedImage shown = blank(image, rowToColumn ? h : w, rowToColumn ? w : h);
    WritableRaster dst = shown.getRaster();
    int perPixel = src.getNumDataElements();
    Object row = null;
    Object flipped = null;
    for (int y = 0; y < h; y++) {
      row = src.getDataElements(0, y, w, 1, row);
      Object line = row;
      if (reversed) {
        flipped = flipped == null ? cloneArray(row) : flipped;
        for (int x = 0; x < w; x++) {
          System.arraycopy(row, (w - 1 - x) * perPixel, flipped, x * perPixel, perPixel);
        }
        line = flipped;
      }
      int at = fromFarEnd ? h - 1 - y : y;
      if (rowToColumn) {
        dst.setDataElements(at, 0, 1, w, line);
      } else {
        dst.setDataElements(0, at, w, 1, line);
      }
    }
    return shown;
  }

  /** An image like the given one, of another size: the same type where it has a standard one. */
  private static BufferedImage blank(BufferedImage like, int width, int height) {
    ColorModel model = like.getColorModel();
    return switch (like.getType()) {
      case BufferedImage.TYPE_CUSTOM ->
          new BufferedImage(
              model,
              model.createCompatibleWritableRaster(width, height),
              model.isAlphaPremultiplied(),
              null);
      case BufferedImage.TYPE_BYTE_BINARY, BufferedImage.TYPE_BYTE_INDEXED ->
          new BufferedImage(width, height, like.getType(), (IndexColorModel) model);
      default -> new BufferedImage(width, height, like.getType());
    };
  }

  private static Object cloneArray(Object array) {
    return switch (array) {
      case byte[] b -> Arrays.copyOf(b, b.length);
      case short[] s -> Arrays.copyOf(s, s.length);
      case int[] i -> Arrays.copyOf(i, i.length);
      case float[] f -> Arrays.copyOf(f, f.length);
      case double[] d -> Arrays.copyOf(d, d.length);
      default -> throw new IllegalArgumentException("not a pixel array: " + array.getClass());
    };
  }
}
