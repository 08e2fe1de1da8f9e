package dev.docsift.slm.pack;

import dev.docsift.errors.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks a pack archive without letting it write anywhere but the target folder.
 *
 * <p>Zip slip: an entry named {@code ../../.bashrc} or {@code /etc/passwd} would, unpacked naively,
 * write outside the target. Every entry name is checked before anything is written, and again after
 * resolving. Entries that are symbolic links are refused (a link to {@code /} followed by an entry
 * under it is the same attack). The bytes written are counted as they are written, never trusted
 * from the archive's own size fields, so a zip bomb stops at the limit.
 */
final class ZipUnpacker {
  /** The default bound on the bytes one archive may unpack to (the largest packs are ~10 GB). */
  static final long DEFAULT_MAX_BYTES = 64L << 30;

  /** The default bound on the number of entries. */
  static final int DEFAULT_MAX_ENTRIES = 10_000;

  private static final int EOCD = 0x06054b50;
  private static final int ZIP64_LOCATOR = 0x07064b50;
  private static final int ZIP64_EOCD = 0x06064b50;
  private static final int CENTRAL_HEADER = 0x02014b50;
  private static final int UNIX_HOST = 3;
  private static final int S_IFMT = 0xF000;
  private static final int S_IFLNK = 0xA000;

  private final long maxBytes;
  private final int maxEntries;

  ZipUnpacker() {
    this(DEFAULT_MAX_BYTES, DEFAULT_MAX_ENTRIES);
  }

  ZipUnpacker(long maxBytes, int maxEntries) {
    this.maxBytes = maxBytes;
    this.maxEntries = maxEntries;
  }

  /**
   * Unpacks {@code zip} into the folder {@code target} (created if needed).
   *
   * @throws PackException UNSAFE_ARCHIVE for a dangerous entry or too much data (nothing is written
   *     for a dangerous entry name), IO when the file is not a readable zip
   */
  void unpack(Path zip, Path target) throws PackException {
    String archive = zip.getFileName().toString();
    String link = firstSymlink(zip);
    if (link != null) {
      throw unsafe(
          "The archive " + archive + " holds a symbolic link, " + link + ", and was refused");
    }
    try (ZipFile file = new ZipFile(zip.toFile())) {
      Path root = target.toAbsolutePath().normalize();
      // First pass: check every name before writing a single byte.
      List<ZipEntry> entries = new ArrayList<>();
      Enumeration<? extends ZipEntry> all = file.entries();
      while (all.hasMoreElements()) {
        ZipEntry entry = all.nextElement();
        if (entries.size() >= maxEntries) {
          throw unpackable(archive, "holds more than " + maxEntries + " entries");
        }
        resolve(root, entry.getName(), archive);
        entries.add(entry);
      }
      Files.createDirectories(root);
      long written = 0;
      byte[] buffer = new byte[1 << 16];
      for (ZipEntry entry : entries) {
        Path out = resolve(root, entry.getName(), archive);
        if (entry.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        try (InputStream in = file.getInputStream(entry);
            OutputStream os =
                Files.newOutputStream(
                    out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            written += n;
            if (written > maxBytes) {
              throw unpackable(archive, "unpacks to more than " + maxBytes + " bytes");
            }
            os.write(buffer, 0, n);
          }
        }
      }
    } catch (ZipException e) {
      throw notZip(archive, e);
    } catch (IOException e) {
      throw new PackException(
          ErrorCode.MODEL_IO, "Cannot unpack " + archive + ": " + e.getMessage() + ".", e);
    }
  }

  /** Where an entry goes, or UNSAFE_ARCHIVE when its name could leave the target. */
  static Path resolve(Path root, String name, String archive) throws PackException {
    String why = null;
    if (name.isEmpty() || name.indexOf('\0') >= 0) {
      why = "has an empty or binary name";
    } else if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
      why = "has an absolute path";
    } else if (name.contains("\\")) {
      why = "uses '\\' in its path";
    } else {
      for (String part : name.split("/")) {
        if (part.equals("..")) {
          why = "climbs out with '..'";
          break;
        }
      }
    }
    Path out = null;
    if (why == null) {
      out = root.resolve(name).normalize();
      if (!out.startsWith(root) || out.equals(root) && !name.endsWith("/")) {
        why = "resolves outside the target folder";
      }
    }
    if (why != null) {
      throw unsafe(
          "The archive " + archive + " was refused: its entry \"" + shorten(name) + "\" " + why);
    }
    return out;
  }

  /**
   * The name of the first entry that the central directory marks as a Unix symbolic link, or null.
   * {@link ZipFile} does not expose the external attributes, so the directory is read here.
   */
  static String firstSymlink(Path zip) throws PackException {
    String archive = zip.getFileName().toString();
    try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
      long size = ch.size();
      int tail = (int) Math.min(size, 22 + 0xFFFF);
      ByteBuffer end = read(ch, size - tail, tail);
      int eocd = -1;
      for (int i = tail - 22; i >= 0; i--) {
        if (end.getInt(i) == EOCD) {
          eocd = i;
          break;
        }
      }
      if (eocd < 0) {
        throw notZip(archive, null);
      }
      long entries = Short.toUnsignedLong(end.getShort(eocd + 10));
      long cdSize = Integer.toUnsignedLong(end.getInt(eocd + 12));
      long cdOffset = Integer.toUnsignedLong(end.getInt(eocd + 16));
      if ((entries == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL)
          && eocd >= 20
          && end.getInt(eocd - 20) == ZIP64_LOCATOR) {
        long zip64At = end.getLong(eocd - 20 + 8);
        ByteBuffer z = read(ch, zip64At, 56);
        if (z.getInt(0) != ZIP64_EOCD) {
          throw notZip(archive, null);
        }
        entries = z.getLong(32);
        cdSize = z.getLong(40);
        cdOffset = z.getLong(48);
      }
      if (cdOffset + cdSize > size || cdSize > Integer.MAX_VALUE) {
        throw notZip(archive, null);
      }
      ByteBuffer cd = read(ch, cdOffset, (int) cdSize);
      int at = 0;
      for (long i = 0; i < entries && at + 46 <= cdSize; i++) {
        if (cd.getInt(at) != CENTRAL_HEADER) {
          throw notZip(archive, null);
        }
        int host = (cd.getShort(at + 4) >> 8) & 0xFF;
        int nameLength = Short.toUnsignedInt(cd.getShort(at + 28));
        int extraLength = Short.toUnsignedInt(cd.getShort(at + 30));
        int commentLength = Short.toUnsignedInt(cd.getShort(at + 32));
        int mode = cd.getInt(at + 38) >>> 16;
        if (host == UNIX_HOST && (mode & S_IFMT) == S_IFLNK) {
          byte[] name = new byte[Math.min(nameLength, cd.limit() - at - 46)];
          cd.get(at + 46, name);
          return shorten(new String(name, StandardCharsets.UTF_8));
        }
        at += 46 + nameLength + extraLength + commentLength;
      }
      return null;
    } catch (IOException e) {
      throw new PackException(
          ErrorCode.MODEL_IO, "Cannot read " + archive + ": " + e.getMessage() + ".", e);
    }
  }

  private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (ch.read(buffer, position + buffer.position()) < 0) {
        throw new ZipException("truncated");
      }
    }
    return buffer.flip();
  }

  private static String shorten(String name) {
    return name.length() > 80 ? name.substring(0, 80) + "…" : name;
  }

  private static PackException unpackable(String archive, String why) {
    return unsafe("The archive " + archive + " was refused: it " + why);
  }

  private static PackException unsafe(String sentence) {
    return new PackException(ErrorCode.MODEL_UNSAFE_ARCHIVE, sentence + ".");
  }

  private static PackException notZip(String archive, Exception cause) {
    return new PackException(
        ErrorCode.MODEL_IO,
        "The file " + archive + " is not a readable zip archive (damaged or incomplete).",
        cause);
  }
}
