package dev.docsift.core.intake;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.model.DocumentKind;
import dev.docsift.core.model.DocumentSource;
import dev.docsift.errors.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Identifies input files and opens them for page streaming. PDFs go through PDFBox; PNG, JPEG and
 * TIFF through {@code javax.imageio}. The kind comes from the file's first bytes, never its name.
 *
 * <p>Stateless apart from its options: one opener may serve many threads, but each {@link
 * PageSource} it opens belongs to one thread at a time.
 */
public final class DocumentOpener {
  private final IntakeOptions options;

  /**
   * Creates an opener.
   *
   * @param options the resolution, password and page-size limit to open with
   */
  public DocumentOpener(IntakeOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** The options this opener uses. */
  public IntakeOptions options() {
    return options;
  }

  /**
   * Checks that a path is a readable, non-empty file of a supported kind, and fingerprints it. The
   * file is read once, streamed, whatever its size.
   *
   * @param path the input file
   * @return the file with its SHA-256, kind and size
   * @throws DocsiftException FILE_NOT_FOUND, NOT_A_FILE (a folder or device), UNREADABLE,
   *     EMPTY_FILE, or UNSUPPORTED_FORMAT (naming what the file looks like when that is known)
   */
  public DocumentSource identify(Path path) throws DocsiftException {
    Objects.requireNonNull(path, "path");
    if (!Files.exists(path)) {
      throw new DocsiftException(ErrorCode.FILE_NOT_FOUND, "File not found: " + path + ".");
    }
    if (Files.isDirectory(path)) {
      throw new DocsiftException(
          ErrorCode.NOT_A_FILE, path + " is a folder, not a file; give a PDF or image file.");
    }
    if (!Files.isRegularFile(path)) {
      throw new DocsiftException(
          ErrorCode.NOT_A_FILE, path + " is not a regular file; give a PDF or image file.");
    }
    if (!Files.isReadable(path)) {
      throw unreadable(path, null);
    }
    long size;
    byte[] head = new byte[FormatSniffer.HEAD_BYTES];
    int headLength = 0;
    MessageDigest sha = sha256();
    try (InputStream in = Files.newInputStream(path)) {
      byte[] buffer = new byte[1 << 16];
      size = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (headLength < head.length) {
          int take = Math.min(n, head.length - headLength);
          System.arraycopy(buffer, 0, head, headLength, take);
          headLength += take;
        }
        sha.update(buffer, 0, n);
        size += n;
      }
    } catch (NoSuchFileException e) {
      throw new DocsiftException(ErrorCode.FILE_NOT_FOUND, "File not found: " + path + ".", e);
    } catch (IOException e) {
      throw unreadable(path, e);
    }
    if (size == 0) {
      throw new DocsiftException(ErrorCode.EMPTY_FILE, path + " is empty (0 bytes).");
    }
    Optional<DocumentKind> kind = FormatSniffer.kind(head, headLength);
    if (kind.isEmpty()) {
      String looksLike =
          FormatSniffer.describeOther(head, headLength)
              .map(what -> "it looks like " + what)
              .orElse("its content is not recognised");
      throw new DocsiftException(
          ErrorCode.UNSUPPORTED_FORMAT,
          path + " is not a PDF, PNG, JPEG or TIFF file: " + looksLike + ".");
    }
    return new DocumentSource(path, HexFormat.of().formatHex(sha.digest()), kind.get(), size);
  }

  /**
   * Opens an identified file for page streaming. The caller owns the result and must close it.
   *
   * @param source a file as {@link #identify(Path)} returned it
   * @return its pages, decoded on demand
   * @throws DocsiftException CORRUPT_PDF, ENCRYPTED_PDF (no password given), WRONG_PASSWORD,
   *     CORRUPT_IMAGE, NO_PAGES, or FILE_NOT_FOUND / UNREADABLE when the file went away
   */
  public PageSource open(DocumentSource source) throws DocsiftException {
    Objects.requireNonNull(source, "source");
    Path path = source.path();
    if (!Files.isRegularFile(path)) {
      throw new DocsiftException(ErrorCode.FILE_NOT_FOUND, "File not found: " + path + ".");
    }
    return switch (source.kind()) {
      case PDF -> PdfPageSource.open(path, options);
      case PNG, JPEG, TIFF -> ImagePageSource.open(path, source.kind(), options);
    };
  }

  static DocsiftException unreadable(Path path, IOException cause) {
    String why =
        cause == null || cause instanceof AccessDeniedException
            ? "permission denied"
            : String.valueOf(cause.getMessage());
    return new DocsiftException(
        ErrorCode.UNREADABLE, "Cannot read " + path + " (" + why + ").", cause);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256.
      throw new IllegalStateException(e);
    }
  }
}
