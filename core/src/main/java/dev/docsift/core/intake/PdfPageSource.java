package dev.docsift.core.intake;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.PageImage;
import dev.docsift.errors.ErrorCode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * PDF pages through PDFBox: rendered in grey at the requested resolution, or, when a page is a
 * single embedded scan, that scan decoded as it is (faster, and no resampling).
 *
 * <p>One {@link PDDocument} per instance; PDFBox documents are not thread-safe, so neither is this.
 * The file is read lazily through a buffered random-access reader, and each rendered page is handed
 * over and forgotten, so memory stays bounded however many pages there are.
 */
final class PdfPageSource implements PageSource {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(PdfPageSource.class);
  private static final double POINTS_PER_INCH = 72.0;

  private final Path path;
  private final IntakeOptions options;
  private final PDDocument document;
  private final PDFRenderer renderer;
  private final int pageCount;
  private boolean closed;

  private PdfPageSource(Path path, IntakeOptions options, PDDocument document) {
    this.path = path;
    this.options = options;
    this.document = document;
    this.renderer = new PDFRenderer(document);
    this.pageCount = document.getNumberOfPages();
  }

  static PdfPageSource open(Path path, IntakeOptions options) throws DocsiftException {
    String password = options.password() == null ? "" : options.password();
    PDDocument document;
    try {
      document = Loader.loadPDF(path.toFile(), password);
    } catch (InvalidPasswordException e) {
      if (options.password() == null || options.password().isEmpty()) {
        throw new DocsiftException(
            ErrorCode.ENCRYPTED_PDF, path + " is encrypted: give its password with --password.", e);
      }
      throw new DocsiftException(
          ErrorCode.WRONG_PASSWORD,
          "The password given does not open " + path + "; check it and try again.",
          e);
    } catch (IOException | RuntimeException e) {
      throw corrupt(path, e);
    }
    try {
      if (document.getNumberOfPages() < 1) {
        closeQuietly(document);
        // PDFBox repairs what it can; a truncated file often loses its page tree altogether.
        if (!endsWithEofMarker(path)) {
          throw corrupt(path, null);
        }
        throw new DocsiftException(ErrorCode.NO_PAGES, path + " has no pages.");
      }
      return new PdfPageSource(path, options, document);
    } catch (RuntimeException e) {
      closeQuietly(document);
      throw corrupt(path, e);
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
    try {
      PDPage page = document.getPage(number - 1);
      PDImageXObject scan = SingleScanPage.find(page, options.dpi());
      if (scan != null) {
        PageImage direct = decodeScan(number, page, scan);
        if (direct != null) {
          return direct;
        }
      }
      return render(number, page);
    } catch (IOException | RuntimeException e) {
      throw new DocsiftException(
          ErrorCode.CORRUPT_PDF,
          "Cannot render page " + number + " of " + path + ": the PDF is damaged.",
          e);
    }
  }

  @Override
  public OcrPage textLayer(int number) {
    if (closed) {
      throw new IllegalStateException("page source is closed");
    }
    try {
      return PdfTextLayer.read(document, number, options.dpi());
    } catch (IOException | RuntimeException e) {
      // A content stream the text extractor chokes on may still render: OCR reads it then.
      LOG.debug("No text layer read from page {} of {}", number, path, e);
      return null;
    }
  }

  private PageImage render(int number, PDPage page) throws DocsiftException, IOException {
    PDRectangle box = page.getCropBox();
    double scale = options.dpi() / POINTS_PER_INCH;
    // The same rounding PDFRenderer uses, so the check matches what would be allocated.
    long width = (long) Math.ceil(box.getWidth() * scale);
    long height = (long) Math.ceil(box.getHeight() * scale);
    checkSize(number, width, height);
    BufferedImage image = renderer.renderImageWithDPI(number - 1, options.dpi(), ImageType.GRAY);
    return new PageImage(number, image, options.dpi());
  }

  /** The scan itself, or null when decoding it directly is not the better choice. */
  private PageImage decodeScan(int number, PDPage page, PDImageXObject scan)
      throws DocsiftException {
    long width = scan.getWidth();
    long height = scan.getHeight();
    checkSize(number, width, height);
    double pageInches = page.getCropBox().getWidth() / POINTS_PER_INCH;
    int dpi = (int) Math.round(width / pageInches);
    try {
      BufferedImage image = scan.getImage();
      if (image == null) {
        return null;
      }
      return new PageImage(number, image, dpi);
    } catch (IOException | RuntimeException e) {
      // An image PDFBox cannot decode on its own (a missing codec, say) may still render.
      return null;
    }
  }

  private void checkSize(int number, long width, long height) throws DocsiftException {
    if (width * height > options.maxPixels()) {
      throw new DocsiftException(
          ErrorCode.IMAGE_TOO_LARGE,
          String.format(
              "Page %d of %s would be %d x %d pixels at %d dpi, more than the limit of %,d"
                  + " pixels; lower --dpi.",
              number, path, width, height, options.dpi(), options.maxPixels()));
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      closeQuietly(document);
    }
  }

  private static DocsiftException corrupt(Path path, Exception cause) {
    return new DocsiftException(
        ErrorCode.CORRUPT_PDF, "Cannot open " + path + ": the PDF is damaged or truncated.", cause);
  }

  /** Whether {@code %%EOF} appears in the last KiB, where every complete PDF has it. */
  private static boolean endsWithEofMarker(Path path) {
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
      long length = file.length();
      int tail = (int) Math.min(1024, length);
      byte[] bytes = new byte[tail];
      file.seek(length - tail);
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.ISO_8859_1).contains("%%EOF");
    } catch (IOException e) {
      return false;
    }
  }

  private static void closeQuietly(PDDocument document) {
    try {
      document.close();
    } catch (IOException e) {
      // Only read from: nothing is lost.
    }
  }
}
