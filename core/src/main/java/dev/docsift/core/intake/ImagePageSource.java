package dev.docsift.core.intake;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.model.DocumentKind;
import dev.docsift.core.model.PageImage;
import dev.docsift.errors.ErrorCode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/**
 * PNG, JPEG and TIFF pages through {@code javax.imageio}; each TIFF frame is a page. JPEG and TIFF
 * go through TwelveMonkeys' readers (see {@link ImageReaders}).
 *
 * <p>A JPEG's EXIF orientation is applied, so a phone photo reaches OCR upright. A JPEG whose data
 * ends early or holds bad segments is decoded as far as it goes (the rest grey) with a warning;
 * only a file from which no picture can be had is refused as damaged.
 *
 * <p>Resolution: the image's own metadata (PNG pHYs, JFIF density, TIFF resolution) when it says
 * between {@value #MIN_TRUSTED_DPI} and {@value #MAX_TRUSTED_DPI} dpi; otherwise {@value
 * #ASSUMED_DPI}, the usual scanning resolution. Lower claims are ignored because software writes 72
 * or 96 as a placeholder on images that are not scans at all.
 */
final class ImagePageSource implements PageSource {
  static final int ASSUMED_DPI = 300;
  static final int MIN_TRUSTED_DPI = 100;
  static final int MAX_TRUSTED_DPI = 2400;

  private final Path path;
  private final DocumentKind kind;
  private final IntakeOptions options;
  private final ImageInputStream input;
  private final ImageReader reader;
  private final int pageCount;

  /** What the reader warned of while decoding the current page; cleared before each page. */
  private final Set<String> decodeWarnings = new LinkedHashSet<>();

  private final List<String> warnings = new ArrayList<>();
  private boolean closed;

  private ImagePageSource(
      Path path,
      DocumentKind kind,
      IntakeOptions options,
      ImageInputStream input,
      ImageReader reader,
      int count) {
    this.path = path;
    this.kind = kind;
    this.options = options;
    this.input = input;
    this.reader = reader;
    this.pageCount = count;
    IIOReadWarningListener listener = (source, warning) -> decodeWarnings.add(warning);
    reader.addIIOReadWarningListener(listener);
  }

  static ImagePageSource open(Path path, DocumentKind kind, IntakeOptions options)
      throws DocsiftException {
    String format =
        switch (kind) {
          case PNG -> "png";
          case JPEG -> "jpeg";
          case TIFF -> "tiff";
          case PDF -> throw new IllegalArgumentException("not an image kind: " + kind);
        };
    ImageInputStream input = null;
    ImageReader reader = null;
    try {
      input = ImageIO.createImageInputStream(path.toFile());
      if (input == null) {
        throw DocumentOpener.unreadable(path, new IOException("no image input stream"));
      }
      reader =
          ImageReaders.forFormat(format)
              .orElseThrow(
                  () ->
                      new DocsiftException(
                          ErrorCode.UNSUPPORTED_FORMAT,
                          "This Java runtime cannot read " + kind + " images."));
      // Metadata is kept: it carries the resolution.
      reader.setInput(input, false, false);
      // Only TIFF has several frames; counting walks the frame directory, not the pixels.
      int count = kind == DocumentKind.TIFF ? reader.getNumImages(true) : 1;
      if (count < 1) {
        throw new DocsiftException(ErrorCode.NO_PAGES, path + " holds no image.");
      }
      ImagePageSource source = new ImagePageSource(path, kind, options, input, reader, count);
      input = null;
      reader = null;
      return source;
    } catch (IOException | RuntimeException e) {
      throw corrupt(path, "the " + kind + " image", e);
    } finally {
      dispose(reader, input);
    }
  }

  @Override
  public int pageCount() {
    return pageCount;
  }

  @Override
  public PageImage page(int number) throws DocsiftException {
    if (closed) {
      throw new IllegalStateException("page source is closed");
    }
    if (number < 1 || number > pageCount) {
      throw new IllegalArgumentException("page " + number + " of " + pageCount);
    }
    int index = number - 1;
    try {
      // The header alone gives the size: refuse huge images before a single pixel is decoded.
      long width = reader.getWidth(index);
      long height = reader.getHeight(index);
      if (width * height > options.maxPixels()) {
        throw new DocsiftException(
            ErrorCode.IMAGE_TOO_LARGE,
            String.format(
                "Page %d of %s is %d x %d pixels, more than the limit of %,d pixels.",
                number, path, width, height, options.maxPixels()));
      }
      int dpi = dpi(metadata(index));
      decodeWarnings.clear();
      BufferedImage image = reader.read(index);
      if (!decodeWarnings.isEmpty()) {
        warnings.add(
            String.format(
                "%s page %d: the image is damaged or truncated; what could be decoded was read"
                    + " (%s)",
                path.getFileName(), number, String.join("; ", decodeWarnings)));
      }
      if (kind == DocumentKind.JPEG) {
        image = ExifOrientation.apply(image, ExifOrientation.read(path));
      }
      return new PageImage(number, image, dpi);
    } catch (IOException | RuntimeException e) {
      throw corrupt(path, "page " + number, e);
    }
  }

  @Override
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * A page's metadata, or null when it cannot be parsed: it only gives the resolution, and a stream
   * whose metadata a parser finds inconsistent may still decode.
   */
  private IIOMetadata metadata(int index) {
    try {
      return reader.getImageMetadata(index);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      dispose(reader, input);
    }
  }

  /** The resolution the metadata states, when it is plausible for a scan. */
  static int dpi(IIOMetadata metadata) {
    if (metadata == null || !metadata.isStandardMetadataFormatSupported()) {
      return ASSUMED_DPI;
    }
    Node root = metadata.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName);
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!"Dimension".equals(n.getNodeName())) {
        continue;
      }
      for (Node d = n.getFirstChild(); d != null; d = d.getNextSibling()) {
        if ("HorizontalPixelSize".equals(d.getNodeName())) {
          Node value = d.getAttributes().getNamedItem("value");
          if (value == null) {
            continue;
          }
          try {
            double millimetresPerPixel = Double.parseDouble(value.getNodeValue());
            long dpi = Math.round(25.4 / millimetresPerPixel);
            if (dpi >= MIN_TRUSTED_DPI && dpi <= MAX_TRUSTED_DPI) {
              return (int) dpi;
            }
          } catch (NumberFormatException e) {
            // A malformed value says nothing; fall back to the assumption.
          }
        }
      }
    }
    return ASSUMED_DPI;
  }

  private static DocsiftException corrupt(Path path, String what, Exception e) {
    if (e instanceof DocsiftException d) {
      return d;
    }
    return new DocsiftException(
        ErrorCode.CORRUPT_IMAGE,
        "Cannot decode " + what + " of " + path + ": the image is damaged or truncated.",
        e);
  }

  private static void dispose(ImageReader reader, ImageInputStream input) {
    if (reader != null) {
      reader.dispose();
    }
    if (input != null) {
      try {
        input.close();
      } catch (IOException e) {
        // Closing a read-only file cannot lose data.
      }
    }
  }
}
