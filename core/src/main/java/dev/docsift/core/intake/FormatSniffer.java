package dev.docsift.core.intake;

import dev.docsift.core.model.DocumentKind;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Tells a file's kind from its first bytes; the file name is never consulted. */
final class FormatSniffer {
  /** How many leading bytes the sniffer wants; a PDF header may sit anywhere in the first 1 KiB. */
  static final int HEAD_BYTES = 1024;

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private FormatSniffer() {}

  /** The kind docsift reads, when the bytes are one. */
  static Optional<DocumentKind> kind(byte[] head, int length) {
    if (startsWith(head, length, PNG)) {
      return Optional.of(DocumentKind.PNG);
    }
    if (length >= 3
        && (head[0] & 0xff) == 0xff
        && (head[1] & 0xff) == 0xd8
        && (head[2] & 0xff) == 0xff) {
      return Optional.of(DocumentKind.JPEG);
    }
    if (startsWith(head, length, new byte[] {'I', 'I', 42, 0})
        || startsWith(head, length, new byte[] {'M', 'M', 0, 42})) {
      return Optional.of(DocumentKind.TIFF);
    }
    // PDF readers accept junk before the header as long as it starts within the first 1 KiB.
    if (indexOf(head, length, "%PDF-".getBytes(StandardCharsets.US_ASCII)) >= 0) {
      return Optional.of(DocumentKind.PDF);
    }
    return Optional.empty();
  }

  /** What an unsupported file looks like, for the error message, when the bytes say. */
  static Optional<String> describeOther(byte[] head, int length) {
    if (startsWith(head, length, ascii("GIF8"))) {
      return Optional.of("a GIF image");
    }
    if (startsWith(head, length, ascii("BM"))) {
      return Optional.of("a BMP image");
    }
    if (startsWith(head, length, ascii("RIFF")) && regionIs(head, length, 8, ascii("WEBP"))) {
      return Optional.of("a WebP image");
    }
    if (regionIs(head, length, 4, ascii("ftyp"))) {
      if (regionIs(head, length, 8, ascii("heic")) || regionIs(head, length, 8, ascii("mif1"))) {
        return Optional.of("a HEIC/HEIF image");
      }
      if (regionIs(head, length, 8, ascii("avif"))) {
        return Optional.of("an AVIF image");
      }
      return Optional.of("an MP4/QuickTime file");
    }
    if (startsWith(head, length, new byte[] {'I', 'I', 43, 0})
        || startsWith(head, length, new byte[] {'M', 'M', 0, 43})) {
      return Optional.of("a BigTIFF image, which is not supported; save it as a plain TIFF");
    }
    if (startsWith(head, length, new byte[] {0, 0, 0, 12, 'j', 'P', ' ', ' '})
        || startsWith(head, length, new byte[] {(byte) 0xff, 0x4f, (byte) 0xff, 0x51})) {
      return Optional.of("a JPEG 2000 image");
    }
    if (startsWith(head, length, ascii("AT&TFORM"))) {
      return Optional.of("a DjVu document");
    }
    if (startsWith(head, length, new byte[] {'P', 'K', 3, 4})) {
      return Optional.of("a ZIP archive (or an Office document)");
    }
    if (startsWith(head, length, new byte[] {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0})) {
      return Optional.of("an old Microsoft Office document");
    }
    if (startsWith(head, length, ascii("{\\rtf"))) {
      return Optional.of("an RTF document");
    }
    if (startsWith(head, length, ascii("<svg")) || indexOf(head, length, ascii("<svg")) >= 0) {
      return Optional.of("an SVG image");
    }
    if (looksLikeText(head, length)) {
      return Optional.of("a text file");
    }
    return Optional.empty();
  }

  private static boolean looksLikeText(byte[] head, int length) {
    for (int i = 0; i < length; i++) {
      int b = head[i] & 0xff;
      if (b < 0x09 || (b > 0x0d && b < 0x20 && b != 0x1b)) {
        return false;
      }
    }
    return length > 0;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean startsWith(byte[] head, int length, byte[] prefix) {
    return regionIs(head, length, 0, prefix);
  }

  private static boolean regionIs(byte[] head, int length, int offset, byte[] expected) {
    if (offset + expected.length > length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if (head[offset + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] head, int length, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (head[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
