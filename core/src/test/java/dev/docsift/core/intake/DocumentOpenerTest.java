package dev.docsift.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.model.DocumentKind;
import dev.docsift.core.model.DocumentSource;
import dev.docsift.core.model.PageImage;
import dev.docsift.errors.ErrorCode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every input is made here, good and bad, and each bad one must earn its own error code. */
class DocumentOpenerTest {
  @TempDir Path dir;

  private final DocumentOpener opener = new DocumentOpener(IntakeOptions.defaults());

  // ---- identify ----

  @Test
  void missingFileIsFileNotFound() {
    assertCode(() -> opener.identify(dir.resolve("nope.pdf")), ErrorCode.FILE_NOT_FOUND);
  }

  @Test
  void folderIsNotAFile() {
    assertCode(() -> opener.identify(dir), ErrorCode.NOT_A_FILE);
  }

  @Test
  void zeroByteFileIsEmpty() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.pdf"));
    assertCode(() -> opener.identify(empty), ErrorCode.EMPTY_FILE);
  }

  @Test
  void unreadableFileIsUnreadable() throws Exception {
    Path file = writePng(dir.resolve("locked.png"), page(200, 100));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    // Root reads anything whatever the permissions say: nothing to test then.
    Assumptions.assumeFalse(Files.isReadable(file), "running as root; permissions not enforced");
    assertCode(() -> opener.identify(file), ErrorCode.UNREADABLE);
  }

  @Test
  void otherFormatsAreNamed() throws Exception {
    Path gif = dir.resolve("scan.pdf");
    ImageIO.write(page(50, 50), "gif", gif.toFile());
    assertThatThrownBy(() -> opener.identify(gif))
        .isInstanceOfSatisfying(
            DocsiftException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
              assertThat(e.getMessage()).contains("GIF");
            });
    Path text = Files.writeString(dir.resolve("notes.png"), "just some words\n");
    assertCode(() -> opener.identify(text), ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void identifiesByContentAndFingerprints() throws Exception {
    Path png = writePng(dir.resolve("a.tiff"), page(300, 200));
    Path pdf = writePdf(dir.resolve("b.png"), 1);
    Path tiff = dir.resolve("c.jpg");
    ImageIO.write(page(300, 200), "tiff", tiff.toFile());

    DocumentSource source = opener.identify(png);
    assertThat(source.kind()).isEqualTo(DocumentKind.PNG);
    assertThat(source.size()).isEqualTo(Files.size(png));
    assertThat(source.sha256())
        .isEqualTo(
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(png))));
    assertThat(opener.identify(pdf).kind()).isEqualTo(DocumentKind.PDF);
    assertThat(opener.identify(tiff).kind()).isEqualTo(DocumentKind.TIFF);
  }

  // ---- images ----

  @Test
  void jpegNamedPdfOpensAsJpeg() throws Exception {
    Path fake = dir.resolve("invoice.pdf");
    ImageIO.write(rgb(page(320, 240)), "jpeg", fake.toFile());

    DocumentSource source = opener.identify(fake);
    assertThat(source.kind()).isEqualTo(DocumentKind.JPEG);
    try (PageSource pages = opener.open(source)) {
      assertThat(pages.pageCount()).isEqualTo(1);
      PageImage image = pages.page(1);
      assertThat(image.width()).isEqualTo(320);
      assertThat(image.height()).isEqualTo(240);
      assertThat(image.dpi()).isEqualTo(ImagePageSource.ASSUMED_DPI);
    }
  }

  @Test
  void multiFrameTiffIsOnePagePerFrame() throws Exception {
    Path tiff = dir.resolve("three.tif");
    ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(tiff.toFile())) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      for (int i = 1; i <= 3; i++) {
        writer.writeToSequence(new IIOImage(page(100 * i, 50), null, null), null);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }

    try (PageSource pages = opener.open(opener.identify(tiff))) {
      assertThat(pages.pageCount()).isEqualTo(3);
      assertThat(pages.page(3).width()).isEqualTo(300);
      assertThat(pages.page(1).width()).isEqualTo(100);
      assertThatThrownBy(() -> pages.page(4)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void hugeImageIsRefusedFromItsHeaderAlone() throws Exception {
    byte[] png = pngBytes(page(16, 16));
    // IHDR's data starts at byte 16: width, height (big-endian), then its CRC at byte 29.
    ByteBuffer bytes = ByteBuffer.wrap(png);
    bytes.putInt(16, 30_000).putInt(20, 30_000);
    CRC32 crc = new CRC32();
    crc.update(png, 12, 17);
    bytes.putInt(29, (int) crc.getValue());
    Path huge = Files.write(dir.resolve("huge.png"), png);

    // Refused from its header: 30000 x 30000 pixels would take 3.6 GB to decode.
    try (PageSource pages = opener.open(opener.identify(huge))) {
      assertCode(() -> pages.page(1), ErrorCode.IMAGE_TOO_LARGE);
    }
  }

  @Test
  void truncatedImageIsCorrupt() throws Exception {
    byte[] png = pngBytes(noise(400, 300));
    Path cut = Files.write(dir.resolve("cut.png"), java.util.Arrays.copyOf(png, png.length / 2));
    assertCode(
        () -> {
          try (PageSource pages = opener.open(opener.identify(cut))) {
            pages.page(1);
          }
        },
        ErrorCode.CORRUPT_IMAGE);
  }

  @Test
  void imageResolutionComesFromMetadata() throws Exception {
    Path tiff = dir.resolve("scan.png");
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    var param = writer.getDefaultWriteParam();
    var type = javax.imageio.ImageTypeSpecifier.createFromRenderedImage(page(10, 10));
    var metadata = writer.getDefaultImageMetadata(type, param);
    // The PNG writer's standard-format merge inverts the density (a JDK quirk): use pHYs itself.
    String format = "javax_imageio_png_1.0";
    var root = new javax.imageio.metadata.IIOMetadataNode(format);
    var physical = new javax.imageio.metadata.IIOMetadataNode("pHYs");
    physical.setAttribute("pixelsPerUnitXAxis", "23622"); // 600 dpi in pixels per metre
    physical.setAttribute("pixelsPerUnitYAxis", "23622");
    physical.setAttribute("unitSpecifier", "meter");
    root.appendChild(physical);
    metadata.mergeTree(format, root);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(tiff.toFile())) {
      writer.setOutput(out);
      writer.write(new IIOImage(page(10, 10), null, metadata));
    } finally {
      writer.dispose();
    }

    try (PageSource pages = opener.open(opener.identify(tiff))) {
      assertThat(pages.page(1).dpi()).isEqualTo(600);
    }
  }

  // ---- PDFs ----

  @Test
  void truncatedPdfIsCorrupt() throws Exception {
    byte[] whole = Files.readAllBytes(writePdf(dir.resolve("whole.pdf"), 3));
    Path half =
        Files.write(dir.resolve("half.pdf"), java.util.Arrays.copyOf(whole, whole.length / 2));

    assertCode(
        () -> {
          try (PageSource pages = opener.open(opener.identify(half))) {
            for (int i = 1; i <= pages.pageCount(); i++) {
              pages.page(i);
            }
          }
        },
        ErrorCode.CORRUPT_PDF);
  }

  @Test
  void encryptedPdfNeedsItsPassword() throws Exception {
    Path locked = dir.resolve("locked.pdf");
    try (PDDocument doc = pdf(1)) {
      StandardProtectionPolicy policy =
          new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
      policy.setEncryptionKeyLength(128);
      doc.protect(policy);
      doc.save(locked.toFile());
    }
    DocumentSource source = opener.identify(locked);

    assertThatThrownBy(() -> opener.open(source))
        .isInstanceOfSatisfying(
            DocsiftException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.ENCRYPTED_PDF);
              assertThat(e.getMessage()).contains("--password");
            });
    DocumentOpener wrong = new DocumentOpener(IntakeOptions.defaults().withPassword("guess"));
    assertCode(() -> wrong.open(source), ErrorCode.WRONG_PASSWORD);
    DocumentOpener right =
        new DocumentOpener(IntakeOptions.defaults().withPassword("user-secret").withDpi(72));
    try (PageSource pages = right.open(source)) {
      assertThat(pages.pageCount()).isEqualTo(1);
      assertThat(pages.page(1).width()).isEqualTo(612);
    }
    assertThat(IntakeOptions.defaults().withPassword("user-secret").toString())
        .doesNotContain("user-secret");
  }

  @Test
  void pdfPagesRenderInGreyAtTheRequestedResolution() throws Exception {
    Path pdf = writePdf(dir.resolve("letter.pdf"), 2);
    DocumentOpener at150 = new DocumentOpener(IntakeOptions.defaults().withDpi(150));

    try (PageSource pages = at150.open(at150.identify(pdf))) {
      assertThat(pages.pageCount()).isEqualTo(2);
      PageImage page = pages.page(2);
      assertThat(page.dpi()).isEqualTo(150);
      assertThat(page.width()).isEqualTo(1275); // 8.5 in
      // PDFBox computes the size in float: 11 in may come out a pixel short.
      assertThat(page.height()).isBetween(1649, 1650);
      assertThat(page.image().getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    }
  }

  @Test
  void pageBeyondThePixelLimitIsRefusedBeforeRendering() throws Exception {
    Path pdf = writePdf(dir.resolve("letter.pdf"), 1);
    DocumentOpener small = new DocumentOpener(IntakeOptions.defaults().withMaxPixels(1_000_000));
    try (PageSource pages = small.open(small.identify(pdf))) {
      assertCode(() -> pages.page(1), ErrorCode.IMAGE_TOO_LARGE);
    }
  }

  @Test
  void aPageThatIsOneScanIsTakenFromTheScan() throws Exception {
    Path pdf = dir.resolve("scan.pdf");
    BufferedImage scan = page(850, 1100); // 8.5 x 11 in at 100 dpi
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.LETTER);
      doc.addPage(page);
      PDImageXObject image = LosslessFactory.createFromImage(doc, scan);
      try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
        content.drawImage(image, 0, 0, 612, 792);
      }
      doc.save(pdf.toFile());
    }

    try (PageSource pages = opener.open(opener.identify(pdf))) {
      PageImage page = pages.page(1);
      assertThat(page.width()).isEqualTo(850);
      assertThat(page.height()).isEqualTo(1100);
      assertThat(page.dpi()).isEqualTo(100);
    }
  }

  @Test
  void fiveHundredPagesStreamInBoundedMemory() throws Exception {
    Path pdf = dir.resolve("long.pdf");
    try (PDDocument doc = new PDDocument()) {
      PDImageXObject stamp = LosslessFactory.createFromImage(doc, page(200, 100));
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (int i = 1; i <= 500; i++) {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
          content.drawImage(stamp, 72, 600, 200, 100);
          content.beginText();
          content.setFont(font, 14);
          content.newLineAtOffset(72, 500);
          content.showText("Page " + i);
          content.endText();
        }
      }
      doc.save(pdf.toFile());
    }
    // 500 A4 pages at 72 dpi in grey are 500 x 0.5 MB: holding them all would show.
    DocumentOpener at72 = new DocumentOpener(IntakeOptions.defaults().withDpi(72));
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    long before = runtime.totalMemory() - runtime.freeMemory();
    long peak = 0;
    try (PageSource pages = at72.open(at72.identify(pdf))) {
      assertThat(pages.pageCount()).isEqualTo(500);
      for (int i = 1; i <= pages.pageCount(); i++) {
        PageImage page = pages.page(i);
        assertThat(page.number()).isEqualTo(i);
        if (i % 100 == 0) {
          System.gc();
          peak = Math.max(peak, runtime.totalMemory() - runtime.freeMemory() - before);
        }
      }
    }
    assertThat(peak).isLessThan(100L << 20);
  }

  @Test
  void closingTwiceIsHarmless() throws Exception {
    Path pdf = writePdf(dir.resolve("one.pdf"), 1);
    PageSource pages = opener.open(opener.identify(pdf));
    pages.close();
    pages.close();
    assertThatThrownBy(() -> pages.page(1)).isInstanceOf(IllegalStateException.class);
  }

  // ---- helpers ----

  private static void assertCode(ThrowingCall call, ErrorCode code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            DocsiftException.class, e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }

  private static BufferedImage page(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.drawString("docsift", 5, Math.min(height - 2, 20));
    g.dispose();
    return image;
  }

  private static BufferedImage noise(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    java.util.Random random = new java.util.Random(7);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt());
      }
    }
    return image;
  }

  private static BufferedImage rgb(BufferedImage grey) {
    BufferedImage out =
        new BufferedImage(grey.getWidth(), grey.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(grey, 0, 0, null);
    g.dispose();
    return out;
  }

  private static byte[] pngBytes(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static Path writePng(Path path, BufferedImage image) throws IOException {
    return Files.write(path, pngBytes(image));
  }

  private static PDDocument pdf(int pages) throws IOException {
    PDDocument doc = new PDDocument();
    PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    for (int i = 1; i <= pages; i++) {
      PDPage page = new PDPage(PDRectangle.LETTER);
      doc.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
        content.beginText();
        content.setFont(font, 24);
        content.newLineAtOffset(72, 700);
        content.showText("Invoice page " + i + " total 42.00");
        content.endText();
      }
    }
    return doc;
  }

  private static Path writePdf(Path path, int pages) throws IOException {
    try (PDDocument doc = pdf(pages)) {
      doc.save(path.toFile());
    }
    return path;
  }
}
