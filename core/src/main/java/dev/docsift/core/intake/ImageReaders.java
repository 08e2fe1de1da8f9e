package dev.docsift.core.intake;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

/**
 * Picks the ImageIO reader for a format, preferring TwelveMonkeys' plugins over the JDK's own.
 *
 * <p>The JDK's JPEG reader refuses CMYK and YCCK images and some streams other decoders read;
 * TwelveMonkeys' reads them, applies ICC profiles and decodes what a damaged stream holds (warning
 * instead of failing). Its TIFF reader handles more compressions than the JDK's. The plugins are
 * found through {@link java.util.ServiceLoader} when ImageIO's registry is first built, from the
 * thread's context class loader; a registry built where that loader did not see their jars (an
 * embedding application, a plugin host) misses them, so a miss rescans once.
 */
final class ImageReaders {
  private static final String PREFERRED_PACKAGE = "com.twelvemonkeys.";

  /** Whether the registry was rescanned; a rescan is done once per process at most. */
  private static volatile boolean rescanned;

  private ImageReaders() {}

  /**
   * A fresh reader for a format, TwelveMonkeys' when there is one.
   *
   * @param format an ImageIO format name ({@code jpeg}, {@code tiff}, {@code png})
   * @return the reader, which the caller must dispose, or empty when this runtime has none
   */
  static Optional<ImageReader> forFormat(String format) {
    List<ImageReader> readers = readers(format);
    if (wantsTwelveMonkeys(format) && readers.stream().noneMatch(ImageReaders::isPreferred)) {
      rescan();
      readers.forEach(ImageReader::dispose);
      readers = readers(format);
    }
    ImageReader chosen =
        readers.stream()
            .filter(ImageReaders::isPreferred)
            .findFirst()
            .orElse(readers.isEmpty() ? null : readers.get(0));
    for (ImageReader r : readers) {
      if (r != chosen) {
        r.dispose();
      }
    }
    return Optional.ofNullable(chosen);
  }

  /** Whether a reader is one of TwelveMonkeys'. */
  static boolean isPreferred(ImageReader reader) {
    return reader.getClass().getName().startsWith(PREFERRED_PACKAGE);
  }

  private static boolean wantsTwelveMonkeys(String format) {
    return format.equals("jpeg") || format.equals("tiff");
  }

  private static List<ImageReader> readers(String format) {
    List<ImageReader> readers = new ArrayList<>();
    for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format); it.hasNext(); ) {
      readers.add(it.next());
    }
    return readers;
  }

  private static synchronized void rescan() {
    if (!rescanned) {
      rescanned = true;
      // Registers what the context class loader, and then this class's loader, can see.
      ImageIO.scanForPlugins();
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      ClassLoader own = ImageReaders.class.getClassLoader();
      if (own != null && own != context) {
        Thread.currentThread().setContextClassLoader(own);
        try {
          ImageIO.scanForPlugins();
        } finally {
          Thread.currentThread().setContextClassLoader(context);
        }
      }
    }
  }
}
