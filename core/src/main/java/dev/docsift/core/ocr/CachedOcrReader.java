package dev.docsift.core.ocr;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.core.DocsiftException;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.PageImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what a reader made of each page in a folder, keyed by the page's pixels and the reader's
 * settings, so that measuring the extractor again on the same documents ({@code docsift eval
 * --ocr-cache}) does not read every page again. Only the words are kept: {@link #read} (which must
 * return the upright page too) always reads.
 *
 * <p>Thread-safe; entries are written atomically, so a cache shared by several runs stays whole.
 */
public final class CachedOcrReader implements OcrReader {
  private static final Logger LOG = LoggerFactory.getLogger(CachedOcrReader.class);
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final OcrReader reader;
  private final Path folder;
  private final String settings;

  /**
   * Wraps a reader.
   *
   * @param reader the reader that reads what the cache does not hold; closed with this one
   * @param folder the cache folder, created when missing
   * @param settings what else changes the reading (languages, options), part of the key
   */
  public CachedOcrReader(OcrReader reader, Path folder, String settings) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.folder = Objects.requireNonNull(folder, "folder");
    this.settings = reader.name() + "@" + reader.revision() + "|" + settings;
  }

  /**
   * Wraps a reader opened with these options, keyed by what of them changes a reading (the
   * languages, orientation and deskew), so that every caller with the same options finds the same
   * entries.
   *
   * @param reader the reader that reads what the cache does not hold; closed with this one
   * @param folder the cache folder, created when missing
   * @param options the options the reader was opened with
   */
  public CachedOcrReader(OcrReader reader, Path folder, OcrOptions options) {
    this(
        reader,
        folder,
        options.languageSpec() + "|" + options.fixOrientation() + "|" + options.deskew());
  }

  @Override
  public String name() {
    return reader.name();
  }

  @Override
  public String revision() {
    return reader.revision();
  }

  @Override
  public Reading read(PageImage page) throws DocsiftException {
    return reader.read(page);
  }

  @Override
  public OcrPage recognize(PageImage page) throws DocsiftException {
    Path entry = folder.resolve(key(page) + ".json");
    if (Files.isRegularFile(entry)) {
      try {
        OcrPage cached = MAPPER.readValue(entry.toFile(), OcrPage.class);
        return cached.number() == page.number()
            ? cached
            : new OcrPage(
                page.number(),
                cached.width(),
                cached.height(),
                cached.lines(),
                cached.rotation(),
                cached.skewDegrees());
      } catch (IOException | RuntimeException e) {
        LOG.debug("Unreadable OCR cache entry {}, reading the page again", entry, e);
      }
    }
    OcrPage read = reader.recognize(page);
    try {
      Files.createDirectories(folder);
      // Written aside and renamed, so a reader running beside never sees half an entry.
      Path tmp = Files.createTempFile(folder, ".entry", ".tmp");
      Files.write(tmp, MAPPER.writeValueAsBytes(read));
      Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("Cannot write the OCR cache entry {}: {}", entry, e.getMessage());
    }
    return read;
  }

  /** SHA-256 of the settings, the resolution and every pixel. */
  private String key(PageImage page) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    digest.update(settings.getBytes(StandardCharsets.UTF_8));
    BufferedImage image = page.image();
    int w = image.getWidth();
    int h = image.getHeight();
    digest.update((w + "x" + h + "@" + page.dpi()).getBytes(StandardCharsets.UTF_8));
    int[] row = new int[w];
    byte[] bytes = new byte[w * 4];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int v = row[x];
        bytes[4 * x] = (byte) (v >>> 24);
        bytes[4 * x + 1] = (byte) (v >>> 16);
        bytes[4 * x + 2] = (byte) (v >>> 8);
        bytes[4 * x + 3] = (byte) v;
      }
      digest.update(bytes);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public void close() {
    reader.close();
  }
}
