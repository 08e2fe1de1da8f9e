package dev.docsift.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.model.PageImage;
import dev.docsift.errors.ErrorCode;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JPEGs as real cameras, scanners and truncated downloads make them. */
class ImageIntakeTest {
  @TempDir Path dir;

  private final DocumentOpener opener = new DocumentOpener(IntakeOptions.defaults());

  @Test
  void twelveMonkeysReadersArePickedOverTheJdks() {
    for (String format : new String[] {"jpeg", "tiff"}) {
      ImageReader reader = ImageReaders.forFormat(format).orElseThrow();
      try {
        assertThat(ImageReaders.isPreferred(reader)).as(reader.getClass().getName()).isTrue();
      } finally {
        reader.dispose();
      }
    }
  }

  @Test
  void jfifWithComponentIdZeroDecodes() throws Exception {
    // A scanner's grey JPEG, JFIF at 600 dpi, that numbers its one component 0 where JFIF says 1:
    // the JDK's reader calls its metadata inconsistent, and the page was refused as damaged (five
    // SROIE receipts). libjpeg and TwelveMonkeys read it.
    byte[] jpeg = componentIdZero(jfif600(grey(200, 100)));
    ImageReader jdk = jdkJpegReader();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
      jdk.setInput(in);
      assertThatThrownBy(() -> jdk.getImageMetadata(0)).isInstanceOf(IIOException.class);
    } finally {
      jdk.dispose();
    }

    Path file = Files.write(dir.resolve("scan.jpg"), jpeg);
    try (PageSource pages = opener.open(opener.identify(file))) {
      PageImage page = pages.page(1);
      assertThat(page.width()).isEqualTo(200);
      assertThat(page.height()).isEqualTo(100);
      assertThat(page.dpi()).isEqualTo(600);
      assertThat(pages.warnings()).isEmpty();
    }
  }

  @Test
  void adobeCmykJpegDecodesToRgb() throws Exception {
    // Four components, inverted as Adobe writes them: the left half bare paper, the right all
    // black.
    WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 64, 32, 4, null);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 64; x++) {
        cmyk.setPixel(x, y, new int[] {255, 255, 255, x < 32 ? 255 : 0});
      }
    }
    ImageWriter writer = jdkJpegWriter();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(cmyk, null, null), null);
    } finally {
      writer.dispose();
    }
    // An Adobe APP14 segment after SOI says the four components are CMYK (transform 0).
    byte[] plain = bytes.toByteArray();
    byte[] adobe = {
      (byte) 0xff, (byte) 0xee, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0
    };
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    jpeg.write(plain, 0, 2);
    jpeg.write(adobe);
    jpeg.write(plain, 2, plain.length - 2);
    Path file = Files.write(dir.resolve("cmyk.jpg"), jpeg.toByteArray());

    try (PageSource pages = opener.open(opener.identify(file))) {
      BufferedImage image = pages.page(1).image();
      assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
      assertThat(image.getRGB(8, 16) & 0xffffff).isGreaterThan(0xf0f0f0);
      assertThat(image.getRGB(56, 16) & 0xffffff).isLessThan(0x101010);
    }
  }

  @Test
  void truncatedJpegIsReadAsFarAsItGoesWithAWarning() throws Exception {
    byte[] jpeg = jpegOf(noise(400, 300));
    Path cut = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
    try (PageSource pages = opener.open(opener.identify(cut))) {
      PageImage page = pages.page(1);
      assertThat(page.width()).isEqualTo(400);
      assertThat(page.height()).isEqualTo(300);
      // The part the file no longer holds is grey.
      int missing = page.image().getRaster().getSample(200, 295, 0);
      assertThat(missing).isBetween(120, 136);
      assertThat(pages.warnings())
          .singleElement()
          .asString()
          .startsWith("cut.jpg page 1: the image is damaged or truncated;");
    }
  }

  @Test
  void aFileThatOnlyStartsLikeAJpegIsRefusedAsDamaged() throws Exception {
    byte[] junk = new byte[2048];
    junk[0] = (byte) 0xff;
    junk[1] = (byte) 0xd8;
    junk[2] = (byte) 0xff;
    byte[] text = "this is not a picture".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, junk, 3, text.length);
    Path fake = Files.write(dir.resolve("fake.jpg"), junk);
    assertThatThrownBy(
            () -> {
              try (PageSource pages = opener.open(opener.identify(fake))) {
                pages.page(1);
              }
            })
        .isInstanceOfSatisfying(
            DocsiftException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_IMAGE);
              assertThat(e.getMessage())
                  .contains("fake.jpg")
                  .contains("the image is damaged or truncated.");
            });
  }

  private static ImageReader jdkJpegReader() {
    var readers = ImageIO.getImageReadersByFormatName("jpeg");
    while (readers.hasNext()) {
      ImageReader r = readers.next();
      if (!ImageReaders.isPreferred(r)) {
        return r;
      }
      r.dispose();
    }
    throw new AssertionError("no JDK JPEG reader");
  }

  private static ImageWriter jdkJpegWriter() {
    var writers = ImageIO.getImageWritersByFormatName("jpeg");
    while (writers.hasNext()) {
      ImageWriter w = writers.next();
      if (!w.getClass().getName().startsWith("com.twelvemonkeys.")) {
        return w;
      }
      w.dispose();
    }
    throw new AssertionError("no JDK JPEG writer");
  }

  /** A JPEG whose JFIF segment says 600 dots per inch. */
  private static byte[] jfif600(BufferedImage image) throws Exception {
    byte[] jpeg = jpegOf(image);
    // JFIF APP0 follows SOI: FFE0, length, "JFIF\0", version (2), units (1), x and y density (2 +
    // 2).
    assertThat(new String(jpeg, 6, 4, StandardCharsets.US_ASCII)).isEqualTo("JFIF");
    jpeg[13] = 1; // dots per inch
    jpeg[14] = (byte) (600 >> 8);
    jpeg[15] = (byte) (600 & 0xff);
    jpeg[16] = (byte) (600 >> 8);
    jpeg[17] = (byte) (600 & 0xff);
    return jpeg;
  }

  /** The grey JPEG with its component numbered 0 in the frame header and the scan header. */
  private static byte[] componentIdZero(byte[] jpeg) {
    byte[] out = jpeg.clone();
    int at = 2;
    while (at + 4 < out.length && (out[at] & 0xff) == 0xff) {
      int marker = out[at + 1] & 0xff;
      int length = (out[at + 2] & 0xff) << 8 | (out[at + 3] & 0xff);
      if (marker == 0xc0) {
        // SOF0: length, precision, height, width, component count, then the component's id.
        assertThat(out[at + 9]).isEqualTo((byte) 1);
        out[at + 10] = 0;
      } else if (marker == 0xda) {
        // SOS: length, component count, then the component's id.
        out[at + 5] = 0;
        return out;
      }
      at += 2 + length;
    }
    throw new AssertionError("no scan found");
  }

  private static byte[] jpegOf(BufferedImage image) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpeg", out);
    return out.toByteArray();
  }

  private static BufferedImage grey(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.getRaster().setSample(x, y, 0, (x * 7 + y * 3) & 0xff);
      }
    }
    return image;
  }

  private static BufferedImage noise(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt());
      }
    }
    return image;
  }
}
