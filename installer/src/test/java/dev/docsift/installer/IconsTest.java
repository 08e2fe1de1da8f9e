package dev.docsift.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The committed icons are well-formed files with the sizes each platform asks for. */
class IconsTest {
  private static final Path ICONS = Path.of("src", "jpackage", "icons");

  @Test
  void thePngIs256Square() throws Exception {
    BufferedImage png = ImageIO.read(ICONS.resolve("docsift.png").toFile());
    assertThat(png.getWidth()).isEqualTo(256);
    assertThat(png.getHeight()).isEqualTo(256);
    assertThat(png.getColorModel().hasAlpha()).isTrue();
  }

  @Test
  void theIcoHoldsEverySizeAsPng() throws Exception {
    ByteBuffer ico =
        ByteBuffer.wrap(Files.readAllBytes(ICONS.resolve("docsift.ico")))
            .order(ByteOrder.LITTLE_ENDIAN);
    assertThat(ico.getShort(0)).isZero();
    assertThat(ico.getShort(2)).isEqualTo((short) 1);
    int count = ico.getShort(4);
    assertThat(count).isEqualTo(Icons.ICO_SIZES.size());
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int entry = 6 + 16 * i;
      int size = ico.get(entry) == 0 ? 256 : Byte.toUnsignedInt(ico.get(entry));
      int length = ico.getInt(entry + 8);
      int offset = ico.getInt(entry + 12);
      byte[] png = new byte[length];
      ico.get(offset, png);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(image.getWidth()).isEqualTo(size);
      sizes.add(size);
    }
    assertThat(sizes).isEqualTo(Icons.ICO_SIZES);
  }

  @Test
  void theIcnsHoldsEveryType() throws Exception {
    ByteBuffer icns =
        ByteBuffer.wrap(Files.readAllBytes(ICONS.resolve("docsift.icns")))
            .order(ByteOrder.BIG_ENDIAN);
    assertThat(new String(icns.array(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("icns");
    assertThat(icns.getInt(4)).isEqualTo(icns.capacity());
    List<String> types = new ArrayList<>();
    for (int at = 8; at < icns.capacity(); ) {
      String type = new String(icns.array(), at, 4, StandardCharsets.US_ASCII);
      int length = icns.getInt(at + 4);
      BufferedImage image =
          ImageIO.read(new ByteArrayInputStream(icns.array(), at + 8, length - 8));
      assertThat(image.getWidth()).as(type).isEqualTo(Icons.ICNS_TYPES.get(type));
      types.add(type);
      at += length;
    }
    assertThat(types).containsExactlyElementsOf(Icons.ICNS_TYPES.keySet());
  }

  @Test
  void theDrawingHasATransparentCornerAndAnOpaqueMiddle() {
    BufferedImage icon = Icons.draw(64);
    assertThat(icon.getRGB(0, 0) >>> 24).isZero();
    assertThat(icon.getRGB(32, 32) >>> 24).isEqualTo(255);
  }
}
