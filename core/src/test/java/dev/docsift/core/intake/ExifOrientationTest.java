package dev.docsift.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.core.model.PageImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Phone photos carry their orientation in EXIF: each of the eight tags, written into a real JPEG,
 * must reach OCR upright.
 */
class ExifOrientationTest {
  @TempDir Path dir;

  // The stored image: four quadrants, top left A, top right B, bottom left C, bottom right D.
  private static final int A = 0;
  private static final int B = 80;
  private static final int C = 160;
  private static final int D = 240;

  /**
   * Where each stored quadrant must be shown, per tag: {top left, top right, bottom left, bottom
   * right} of the upright image, as the EXIF specification describes the tags.
   */
  private static final int[][] UPRIGHT = {
    null,
    {A, B, C, D}, // 1 as stored
    {B, A, D, C}, // 2 mirrored left to right
    {D, C, B, A}, // 3 turned 180°
    {C, D, A, B}, // 4 mirrored top to bottom
    {A, C, B, D}, // 5 transposed
    {C, A, D, B}, // 6 turned 90° clockwise
    {D, B, C, A}, // 7 transversed
    {B, D, A, C}, // 8 turned 90° counter-clockwise
  };

  @ParameterizedTest(name = "orientation {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void eachTagOfAJpegIsAppliedBeforeOcr(int orientation) throws Exception {
    // Quadrants of 16 x 8 fall on whole 8 x 8 JPEG blocks, so their greys survive compression.
    Path jpeg =
        Files.write(
            dir.resolve("photo.jpg"), withExif(jpegOf(quadrants(32, 16)), orientation, true));

    DocumentOpener opener = new DocumentOpener(IntakeOptions.defaults());
    try (PageSource pages = opener.open(opener.identify(jpeg))) {
      PageImage page = pages.page(1);
      boolean turned = orientation >= 5;
      assertThat(page.width()).isEqualTo(turned ? 16 : 32);
      assertThat(page.height()).isEqualTo(turned ? 32 : 16);
      assertThat(corners(page.image())).containsExactly(UPRIGHT[orientation]);
      assertThat(pages.warnings()).isEmpty();
    }
  }

  @Test
  void littleEndianExifIsReadToo() throws Exception {
    Path jpeg =
        Files.write(dir.resolve("photo.jpg"), withExif(jpegOf(quadrants(32, 16)), 6, false));
    assertThat(ExifOrientation.read(jpeg)).isEqualTo(6);
  }

  @Test
  void noExifOrAnOddValueLeavesThePixelsAsStored() throws Exception {
    Path plain = Files.write(dir.resolve("plain.jpg"), jpegOf(quadrants(32, 16)));
    assertThat(ExifOrientation.read(plain)).isEqualTo(ExifOrientation.NORMAL);
    Path odd = Files.write(dir.resolve("odd.jpg"), withExif(jpegOf(quadrants(32, 16)), 9, true));
    assertThat(ExifOrientation.read(odd)).isEqualTo(ExifOrientation.NORMAL);
  }

  @ParameterizedTest(name = "image type {0}")
  @ValueSource(
      ints = {
        BufferedImage.TYPE_BYTE_GRAY,
        BufferedImage.TYPE_3BYTE_BGR,
        BufferedImage.TYPE_INT_RGB,
        BufferedImage.TYPE_USHORT_GRAY
      })
  void everyPixelMovesExactlyInEveryImageType(int type) {
    // 3 x 2, every pixel its own value: a turn or flip that misplaces one is caught.
    BufferedImage stored = new BufferedImage(3, 2, type);
    int[][] grey = {{10, 40, 70}, {100, 130, 160}};
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 3; x++) {
        stored.getRaster().setSample(x, y, 0, grey[y][x]);
      }
    }
    for (int orientation = 1; orientation <= 8; orientation++) {
      BufferedImage shown = ExifOrientation.apply(stored, orientation);
      assertThat(shown.getType()).isEqualTo(type);
      for (int y = 0; y < shown.getHeight(); y++) {
        for (int x = 0; x < shown.getWidth(); x++) {
          int[] from = storedPixel(orientation, x, y, 3, 2);
          assertThat(shown.getRaster().getSample(x, y, 0))
              .as("orientation %d, pixel (%d, %d)", orientation, x, y)
              .isEqualTo(grey[from[1]][from[0]]);
        }
      }
    }
  }

  /** The stored pixel shown at (x, y), from the definitions of the eight tags. */
  private static int[] storedPixel(int orientation, int x, int y, int w, int h) {
    return switch (orientation) {
      case 1 -> new int[] {x, y};
      case 2 -> new int[] {w - 1 - x, y};
      case 3 -> new int[] {w - 1 - x, h - 1 - y};
      case 4 -> new int[] {x, h - 1 - y};
      case 5 -> new int[] {y, x};
      case 6 -> new int[] {y, h - 1 - x};
      case 7 -> new int[] {w - 1 - y, h - 1 - x};
      case 8 -> new int[] {w - 1 - y, x};
      default -> throw new IllegalArgumentException();
    };
  }

  private static int[] corners(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[][] at = {{w / 4, h / 4}, {3 * w / 4, h / 4}, {w / 4, 3 * h / 4}, {3 * w / 4, 3 * h / 4}};
    int[] grey = new int[4];
    for (int i = 0; i < 4; i++) {
      int g = image.getRaster().getSample(at[i][0], at[i][1], 0);
      // Snap to the nearest of the four greys; JPEG moves them a little.
      int best = A;
      for (int v : new int[] {A, B, C, D}) {
        if (Math.abs(g - v) < Math.abs(g - best)) {
          best = v;
        }
      }
      grey[i] = best;
    }
    return grey;
  }

  private static BufferedImage quadrants(int w, int h) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = y < h / 2 ? (x < w / 2 ? A : B) : (x < w / 2 ? C : D);
        image.getRaster().setSample(x, y, 0, v);
      }
    }
    return image;
  }

  static byte[] jpegOf(BufferedImage image) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpeg", out);
    return out.toByteArray();
  }

  /**
   * The JPEG with an EXIF APP1 segment right after its SOI marker, as cameras write it: "Exif\0\0",
   * then a TIFF header and one IFD holding the Orientation tag (0x0112, SHORT).
   */
  static byte[] withExif(byte[] jpeg, int orientation, boolean bigEndian) {
    ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4);
    tiff.order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    tiff.put(bigEndian ? (byte) 'M' : (byte) 'I').put(bigEndian ? (byte) 'M' : (byte) 'I');
    tiff.putShort((short) 42).putInt(8); // the first IFD follows the header
    tiff.putShort((short) 1); // one entry
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1);
    tiff.putShort((short) orientation).putShort((short) 0); // the value, left-justified
    tiff.putInt(0); // no next IFD
    byte[] payload = new byte[6 + tiff.capacity()];
    System.arraycopy(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, payload, 0, 6);
    System.arraycopy(tiff.array(), 0, payload, 6, tiff.capacity());
    int length = payload.length + 2;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2); // SOI
    out.write(0xff);
    out.write(0xe1); // APP1
    out.write(length >> 8);
    out.write(length & 0xff);
    out.write(payload, 0, payload.length);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }
}
