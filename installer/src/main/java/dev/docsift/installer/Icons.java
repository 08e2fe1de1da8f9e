package dev.docsift.installer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * docsift's icon, drawn with Java2D at each size: a scanned page on a teal tile, its lines of text,
 * one value framed in green as the window frames the values it read, and a JSON brace. Writes the
 * PNG the Linux package uses, the Windows {@code .ico} and the macOS {@code .icns}.
 *
 * <p>Run it from the repository root after changing the drawing, and commit what it writes: {@code
 * java installer/src/main/java/dev/docsift/installer/Icons.java installer/src/jpackage/icons} (a
 * single-file program: it needs only the JDK).
 */
public final class Icons {
  /** The sizes the Windows icon holds; 256 is what Explorer shows for large icons. */
  static final List<Integer> ICO_SIZES = List.of(16, 24, 32, 48, 64, 128, 256);

  /** macOS icon types (each a PNG) and the pixel size of each. */
  static final Map<String, Integer> ICNS_TYPES = icnsTypes();

  private static final Color TILE_TOP = new Color(0x13, 0x6F, 0x7E);
  private static final Color TILE_BOTTOM = new Color(0x0B, 0x45, 0x55);
  private static final Color PAGE = new Color(0xFA, 0xFA, 0xF7);
  private static final Color FOLD = new Color(0xD5, 0xDB, 0xDD);
  private static final Color INK = new Color(0x8A, 0x96, 0x9C);
  private static final Color VALUE = new Color(0x2E, 0xB8, 0x5C);
  private static final Color BRACE = new Color(0xF2, 0xA9, 0x1F);

  private Icons() {}

  /**
   * Writes {@code docsift.png} (256 px), {@code docsift.ico} and {@code docsift.icns}.
   *
   * @param args the folder to write to
   * @throws IOException when a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: Icons OUTPUT_FOLDER");
      System.exit(2);
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    Files.write(dir.resolve("docsift.png"), png(draw(256)));
    Files.write(dir.resolve("docsift.ico"), ico());
    Files.write(dir.resolve("docsift.icns"), icns());
    System.out.println("wrote docsift.png, docsift.ico and docsift.icns to " + dir);
  }

  /**
   * Draws the icon.
   *
   * @param size width and height in pixels
   * @return the image, with transparent corners
   */
  static BufferedImage draw(int size) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      // Everything below is in units of 1/100 of the icon's side.
      double u = size / 100.0;
      g.scale(u, u);
      boolean small = size < 32; // fewer, thicker lines where pixels are few

      g.setPaint(new GradientPaint(0, 0, TILE_TOP, 0, 100, TILE_BOTTOM));
      g.fill(new RoundRectangle2D.Double(2, 2, 96, 96, 22, 22));

      // The page, its top right corner folded.
      double x0 = 22;
      double y0 = 12;
      double x1 = 72;
      double y1 = 88;
      double fold = 14;
      Path2D page = new Path2D.Double();
      page.moveTo(x0, y0);
      page.lineTo(x1 - fold, y0);
      page.lineTo(x1, y0 + fold);
      page.lineTo(x1, y1);
      page.lineTo(x0, y1);
      page.closePath();
      g.setColor(PAGE);
      g.fill(page);
      Path2D corner = new Path2D.Double();
      corner.moveTo(x1 - fold, y0);
      corner.lineTo(x1 - fold, y0 + fold);
      corner.lineTo(x1, y0 + fold);
      corner.closePath();
      g.setColor(FOLD);
      g.fill(corner);

      // Lines of text, one of them a value framed as the window frames what it read.
      g.setColor(INK);
      double line = small ? 6 : 4;
      double[][] lines =
          small
              ? new double[][] {{28, 30, 20}, {28, 44, 34}, {28, 72, 24}}
              : new double[][] {
                {28, 26, 20}, {28, 34, 30}, {28, 46, 36}, {28, 54, 30}, {28, 66, 18}, {28, 76, 24}
              };
      for (double[] l : lines) {
        g.fill(new RoundRectangle2D.Double(l[0], l[1], l[2], line, line, line));
      }
      double[] framed = small ? lines[1] : lines[2];
      g.setColor(VALUE);
      g.setStroke(new BasicStroke(small ? 4f : 3f));
      double pad = small ? 3 : 3.5;
      g.draw(
          new RoundRectangle2D.Double(
              framed[0] - pad,
              framed[1] - pad,
              framed[2] + 2 * pad,
              line + 2 * pad,
              small ? 4 : 3,
              small ? 4 : 3));

      // A JSON brace coming off the page: what docsift makes of it.
      g.setColor(BRACE);
      g.setStroke(new BasicStroke(small ? 7f : 6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      double bx = 80;
      double top = 50;
      double bottom = 86;
      double mid = (top + bottom) / 2;
      Path2D brace = new Path2D.Double();
      brace.moveTo(bx, top);
      brace.curveTo(bx - 6, top, bx - 6, top + 2, bx - 6, top + 6);
      brace.lineTo(bx - 6, mid - 5);
      brace.curveTo(bx - 6, mid - 1, bx - 8, mid, bx - 11, mid);
      brace.curveTo(bx - 8, mid, bx - 6, mid + 1, bx - 6, mid + 5);
      brace.lineTo(bx - 6, bottom - 6);
      brace.curveTo(bx - 6, bottom - 2, bx - 6, bottom, bx, bottom);
      g.draw(brace);
    } finally {
      g.dispose();
    }
    return image;
  }

  /**
   * The Windows icon: one PNG-compressed image for each of {@link #ICO_SIZES}, which every Windows
   * since Vista reads.
   *
   * @return the {@code .ico} file's bytes
   */
  static byte[] ico() {
    List<byte[]> images = ICO_SIZES.stream().map(s -> png(draw(s))).toList();
    int headers = 6 + 16 * images.size();
    ByteBuffer out =
        ByteBuffer.allocate(headers + images.stream().mapToInt(b -> b.length).sum())
            .order(ByteOrder.LITTLE_ENDIAN);
    out.putShort((short) 0).putShort((short) 1).putShort((short) images.size());
    int offset = headers;
    for (int i = 0; i < images.size(); i++) {
      int size = ICO_SIZES.get(i);
      out.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size)); // 0 is 256
      out.put((byte) 0).put((byte) 0); // no palette, reserved
      out.putShort((short) 1).putShort((short) 32); // planes, bits per pixel
      out.putInt(images.get(i).length).putInt(offset);
      offset += images.get(i).length;
    }
    images.forEach(out::put);
    return out.array();
  }

  /**
   * The macOS icon: PNG images under the type codes of {@link #ICNS_TYPES}.
   *
   * @return the {@code .icns} file's bytes
   */
  static byte[] icns() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(body)) { // big-endian, as icns is
      for (Map.Entry<String, Integer> type : ICNS_TYPES.entrySet()) {
        byte[] png = png(draw(type.getValue()));
        out.writeBytes(type.getKey());
        out.writeInt(8 + png.length);
        out.write(png);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ByteBuffer file = ByteBuffer.allocate(8 + body.size()).order(ByteOrder.BIG_ENDIAN);
    file.put("icns".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(8 + body.size());
    file.put(body.toByteArray());
    return file.array();
  }

  static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Map<String, Integer> icnsTypes() {
    Map<String, Integer> types = new LinkedHashMap<>();
    types.put("icp4", 16);
    types.put("icp5", 32);
    types.put("icp6", 64);
    types.put("ic07", 128);
    types.put("ic08", 256);
    types.put("ic09", 512);
    types.put("ic10", 1024); // 512 pt at 2x
    types.put("ic11", 32); // 16 pt at 2x
    types.put("ic12", 64); // 32 pt at 2x
    types.put("ic13", 256); // 128 pt at 2x
    types.put("ic14", 512); // 256 pt at 2x
    return java.util.Collections.unmodifiableMap(types);
  }
}
