package dev.docsift.samples;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Writes samples and page images as the files docsift reads: image-only PDFs (each page one scan
 * drawn over the whole page), PNG, JPEG, multi-page TIFF, and the truth as JSON.
 *
 * <p>Every file is written to a temporary file in the target's folder and then moved over the
 * target, so a reader never sees half a file; an existing target is replaced. The same inputs give
 * the same bytes.
 */
public final class SampleFiles {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Fixed "\n" line ends: the committed truth files must not depend on the platform.
  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter()
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private SampleFiles() {}

  /** Writes into an output stream; may fail with an IOException. */
  @FunctionalInterface
  private interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes a sample as a one-page, image-only PDF whose page has the scan's physical size. The
   * image is embedded as JPEG, or losslessly for a clean sample (see {@link
   * Degradation#pdfJpegQuality()}).
   *
   * @throws IOException when the file cannot be written
   */
  public static void writePdf(Sample sample, Path target) throws IOException {
    writePdf(List.of(sample.page()), sample.dpi(), sample.degradation().pdfJpegQuality(), target);
  }

  /**
   * Writes page images as an image-only PDF, one page each, every page sized from its image and the
   * resolution.
   *
   * @param pages the page images, at least one
   * @param dpi the resolution all pages were drawn at
   * @param jpegQuality 0 to 1 to embed as JPEG at that quality; 0 to embed losslessly
   * @throws IllegalArgumentException when there are no pages or dpi or quality is out of range
   * @throws IOException when the file cannot be written
   */
  public static void writePdf(List<BufferedImage> pages, int dpi, float jpegQuality, Path target)
      throws IOException {
    if (pages.isEmpty()) {
      throw new IllegalArgumentException("a PDF needs at least one page");
    }
    checkDpi(dpi);
    if (jpegQuality < 0 || jpegQuality > 1) {
      throw new IllegalArgumentException("jpegQuality must be in 0..1: " + jpegQuality);
    }
    atomically(
        target,
        out -> {
          try (PDDocument document = new PDDocument()) {
            for (BufferedImage image : pages) {
              PDImageXObject xobject =
                  jpegQuality > 0
                      ? JPEGFactory.createFromImage(document, image, jpegQuality, dpi)
                      : LosslessFactory.createFromImage(document, image);
              addImagePage(document, xobject, image, dpi);
            }
            save(document, pages, out);
          }
        });
  }

  /**
   * Writes a long image-only PDF cheaply, for memory and cancellation tests: every page draws the
   * same embedded image, which is stored once, so 500 pages of a small image take little more room
   * than one.
   *
   * @param pages how many pages, at least 1
   * @param page the image every page shows
   * @param dpi the resolution that sizes each page
   * @throws IllegalArgumentException when pages or dpi is out of range
   * @throws IOException when the file cannot be written
   */
  public static void writeRepeatedPagePdf(Path target, int pages, BufferedImage page, int dpi)
      throws IOException {
    if (pages < 1) {
      throw new IllegalArgumentException("pages must be at least 1: " + pages);
    }
    checkDpi(dpi);
    atomically(
        target,
        out -> {
          try (PDDocument document = new PDDocument()) {
            PDImageXObject xobject = JPEGFactory.createFromImage(document, page, 0.8f, dpi);
            for (int i = 0; i < pages; i++) {
              addImagePage(document, xobject, page, dpi);
            }
            save(document, List.of(page), out);
          }
        });
  }

  /**
   * Writes the sample's truth as pretty-printed JSON with {@code \n} line ends and a final newline.
   *
   * @throws IOException when the file cannot be written
   */
  public static void writeTruth(Sample sample, Path target) throws IOException {
    writeJson(sample.truth(), target);
  }

  /**
   * Writes any JSON as {@link #writeTruth} does.
   *
   * @throws IOException when the file cannot be written
   */
  public static void writeJson(JsonNode json, Path target) throws IOException {
    byte[] text =
        (JSON.writer(PRETTY).writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
    atomically(target, out -> out.write(text));
  }

  /**
   * Writes a PNG recording the resolution.
   *
   * @throws IOException when the file cannot be written
   */
  public static void writePng(BufferedImage image, int dpi, Path target) throws IOException {
    writeImages("png", List.of(image), dpi, null, Float.NaN, target);
  }

  /**
   * Writes a baseline JPEG recording the resolution.
   *
   * @param quality 0 to 1
   * @throws IllegalArgumentException when quality is out of range
   * @throws IOException when the file cannot be written
   */
  public static void writeJpeg(BufferedImage image, int dpi, float quality, Path target)
      throws IOException {
    if (!(quality > 0 && quality <= 1)) {
      throw new IllegalArgumentException("quality must be in (0, 1]: " + quality);
    }
    writeImages("jpeg", List.of(image), dpi, null, quality, target);
  }

  /**
   * Writes the images as one TIFF, one frame each, Deflate-compressed, recording the resolution.
   *
   * @param frames the frames, at least one
   * @throws IllegalArgumentException when there are no frames
   * @throws IOException when the file cannot be written
   */
  public static void writeTiff(List<BufferedImage> frames, int dpi, Path target)
      throws IOException {
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("a TIFF needs at least one frame");
    }
    writeImages("tiff", frames, dpi, "Deflate", Float.NaN, target);
  }

  private static void writeImages(
      String format,
      List<BufferedImage> images,
      int dpi,
      String compression,
      float quality,
      Path target)
      throws IOException {
    checkDpi(dpi);
    atomically(
        target,
        out -> {
          ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
          try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (compression != null || !Float.isNaN(quality)) {
              param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
              if (compression != null) {
                param.setCompressionType(compression);
              }
              if (!Float.isNaN(quality)) {
                param.setCompressionQuality(quality);
              }
            }
            boolean sequence = images.size() > 1;
            if (sequence) {
              writer.prepareWriteSequence(null);
            }
            for (BufferedImage image : images) {
              IIOImage frame = new IIOImage(image, null, resolution(writer, param, image, dpi));
              if (sequence) {
                writer.writeToSequence(frame, param);
              } else {
                writer.write(null, frame, param);
              }
            }
            if (sequence) {
              writer.endWriteSequence();
            }
          } finally {
            writer.dispose();
          }
        });
  }

  /** Default metadata with the resolution set through the plugin-neutral metadata tree. */
  private static IIOMetadata resolution(
      ImageWriter writer, ImageWriteParam param, BufferedImage image, int dpi) throws IOException {
    IIOMetadata metadata =
        writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
    if (metadata == null || !metadata.isStandardMetadataFormatSupported()) {
      return metadata;
    }
    if ("javax_imageio_png_1.0".equals(metadata.getNativeMetadataFormatName())) {
      // The JDK's PNG writer turns the neutral tree's pixel size into a wrong pHYs: set it itself.
      String perMetre = Long.toString(Math.round(dpi / 0.0254));
      IIOMetadataNode physical = new IIOMetadataNode("pHYs");
      physical.setAttribute("pixelsPerUnitXAxis", perMetre);
      physical.setAttribute("pixelsPerUnitYAxis", perMetre);
      physical.setAttribute("unitSpecifier", "meter");
      IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
      root.appendChild(physical);
      merge(metadata, "javax_imageio_png_1.0", root, dpi);
      return metadata;
    }
    if ("javax_imageio_jpeg_image_1.0".equals(metadata.getNativeMetadataFormatName())) {
      // The JPEG writer keeps its JFIF density at 1:1 unless the JFIF segment itself is set.
      IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree("javax_imageio_jpeg_image_1.0");
      if (root.getElementsByTagName("app0JFIF").item(0) instanceof IIOMetadataNode jfif) {
        jfif.setAttribute("resUnits", "1");
        jfif.setAttribute("Xdensity", Integer.toString(dpi));
        jfif.setAttribute("Ydensity", Integer.toString(dpi));
        try {
          metadata.setFromTree("javax_imageio_jpeg_image_1.0", root);
        } catch (IIOInvalidTreeException e) {
          throw new IOException("could not record " + dpi + " dpi in the image metadata", e);
        }
      }
      return metadata;
    }
    String millimetresPerPixel = Double.toString(25.4 / dpi);
    IIOMetadataNode horizontal = new IIOMetadataNode("HorizontalPixelSize");
    horizontal.setAttribute("value", millimetresPerPixel);
    IIOMetadataNode vertical = new IIOMetadataNode("VerticalPixelSize");
    vertical.setAttribute("value", millimetresPerPixel);
    IIOMetadataNode dimension = new IIOMetadataNode("Dimension");
    dimension.appendChild(horizontal);
    dimension.appendChild(vertical);
    IIOMetadataNode root = new IIOMetadataNode("javax_imageio_1.0");
    root.appendChild(dimension);
    merge(metadata, "javax_imageio_1.0", root, dpi);
    return metadata;
  }

  private static void merge(IIOMetadata metadata, String format, IIOMetadataNode root, int dpi)
      throws IOException {
    try {
      metadata.mergeTree(format, root);
    } catch (IIOInvalidTreeException e) {
      throw new IOException("could not record " + dpi + " dpi in the image metadata", e);
    }
  }

  private static void addImagePage(
      PDDocument document, PDImageXObject xobject, BufferedImage image, int dpi)
      throws IOException {
    PDRectangle box = new PDRectangle(image.getWidth() * 72f / dpi, image.getHeight() * 72f / dpi);
    PDPage page = new PDPage(box);
    document.addPage(page);
    try (PDPageContentStream content = new PDPageContentStream(document, page)) {
      content.drawImage(xobject, 0, 0, box.getWidth(), box.getHeight());
    }
  }

  /** Saves with a trailer ID made from the pixels, so the bytes do not depend on the clock. */
  private static void save(PDDocument document, List<BufferedImage> images, OutputStream out)
      throws IOException {
    byte[] id = Arrays.copyOf(digest(images), 16);
    COSArray ids = new COSArray();
    ids.add(new COSString(id));
    ids.add(new COSString(id));
    document.getDocument().getTrailer().setItem(COSName.ID, ids);
    document.save(out);
  }

  private static byte[] digest(List<BufferedImage> images) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (BufferedImage image : images) {
        sha.update((image.getWidth() + "x" + image.getHeight()).getBytes(StandardCharsets.UTF_8));
        if (image.getRaster().getDataBuffer() instanceof DataBufferByte bytes) {
          sha.update(bytes.getData());
        } else {
          for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
              int rgb = image.getRGB(x, y);
              sha.update(new byte[] {(byte) (rgb >> 16), (byte) (rgb >> 8), (byte) rgb});
            }
          }
        }
      }
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void checkDpi(int dpi) {
    if (dpi < 1 || dpi > 2400) {
      throw new IllegalArgumentException("dpi must be in 1..2400: " + dpi);
    }
  }

  private static void atomically(Path target, Body body) throws IOException {
    Objects.requireNonNull(target, "target");
    Path folder = target.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    // Not Files.createTempFile: its owner-only permissions would follow the file into place.
    String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
    Path temporary = folder.resolve("." + target.getFileName() + "." + suffix + ".tmp");
    try {
      try (OutputStream out =
          new BufferedOutputStream(
              Files.newOutputStream(
                  temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
        body.writeTo(out);
      }
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
