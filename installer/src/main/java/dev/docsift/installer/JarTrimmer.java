package dev.docsift.installer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies the app's jars into an installer for one platform, leaving out what only other platforms
 * use. ONNX Runtime's jar carries natives for four platforms (54 MB, 187 MB unpacked, most of it a
 * macOS debug-symbol bundle), the tokenizers' jar for four, JNA's for two dozen, Tess4J's and
 * lept4j's the Windows builds of Tesseract and Leptonica. Each library picks its own folder at run
 * time, so the others are dead weight in a platform's installer. Nothing else in a jar changes.
 */
final class JarTrimmer {
  /** What a copy left out. */
  record Trimmed(int entries, long bytes) {
    static final Trimmed NOTHING = new Trimmed(0, 0);
  }

  private final Platform platform;

  JarTrimmer(Platform platform) {
    this.platform = platform;
  }

  /**
   * Copies a jar, without the entries {@link #keep} refuses; a jar that loses nothing, or a signed
   * one (removing entries would break its signature's manifest), is copied byte for byte.
   *
   * @param from the jar
   * @param to where the copy goes
   * @return what was left out
   * @throws IOException when the jar cannot be read or the copy written
   */
  Trimmed copy(Path from, Path to) throws IOException {
    String jarName = from.getFileName().toString();
    List<ZipEntry> dropped = new ArrayList<>();
    try (ZipFile zip = new ZipFile(from.toFile())) {
      boolean signed = false;
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        signed |= entry.getName().matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)");
        if (!keep(jarName, entry.getName())) {
          dropped.add(entry);
        }
      }
      if (dropped.isEmpty() || signed) {
        Files.copy(
            from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        return Trimmed.NOTHING;
      }
      try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
          ZipEntry entry = e.nextElement();
          if (keep(jarName, entry.getName())) {
            copyEntry(zip, entry, out);
          }
        }
      }
    }
    return new Trimmed(
        dropped.size(), dropped.stream().mapToLong(ZipEntry::getCompressedSize).sum());
  }

  /**
   * Whether an entry belongs in this platform's copy of a jar.
   *
   * @param jarName the jar's file name
   * @param entry the entry's name
   * @return false for natives (and what goes with them) in another platform's folder, and for
   *     Tess4J's tessdata outside Windows
   */
  boolean keep(String jarName, String entry) {
    if (entry.endsWith(".class")) {
      return true; // code is never platform-specific here; only natives and their data are
    }
    for (String segment : entry.split("/")) {
      Optional<Boolean> ours = platform.ownsNativeFolder(segment);
      if (ours.isPresent()) {
        return ours.get();
      }
    }
    // Tess4J carries English and orientation data for its bundled Windows Tesseract. Elsewhere the
    // system's Tesseract is used with the system's data: the .deb depends on tesseract-ocr (which
    // brings tesseract-ocr-osd) and tesseract-ocr-eng, and Homebrew's tesseract has both.
    return platform.isWindows()
        || !(jarName.startsWith("tess4j-")
            && entry.startsWith("tessdata/")
            && entry.endsWith(".traineddata"));
  }

  private static void copyEntry(ZipFile zip, ZipEntry entry, ZipOutputStream out)
      throws IOException {
    ZipEntry copy = new ZipEntry(entry.getName());
    copy.setTime(entry.getTime());
    if (entry.getMethod() == ZipEntry.STORED) {
      // A stored entry must say its size and checksum up front.
      copy.setMethod(ZipEntry.STORED);
      copy.setSize(entry.getSize());
      copy.setCompressedSize(entry.getSize());
      copy.setCrc(entry.getCrc());
    }
    out.putNextEntry(copy);
    if (!entry.isDirectory()) {
      try (InputStream in = zip.getInputStream(entry)) {
        in.transferTo(out);
      }
    }
    out.closeEntry();
  }

  /**
   * Moves the JavaFX natives out of a JavaFX jar into the folder beside it, where JavaFX looks
   * first on Linux (its {@code NativeLibLoader} tries the jar's own folder before unpacking the
   * libraries into {@code ~/.openjfx/cache}): the installed window then starts without writing to
   * the home folder, which may be read-only. Only on Linux, where it is checked; elsewhere JavaFX
   * unpacks them as in a source build.
   *
   * @param jar a staged JavaFX jar
   * @return how many libraries were moved
   * @throws IOException when the jar cannot be rewritten
   */
  int moveJavaFxNatives(Path jar) throws IOException {
    if (!platform.isLinux()) {
      return 0;
    }
    Path rest = jar.resolveSibling(jar.getFileName() + ".tmp");
    List<String> natives = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        if (!name.contains("/") && name.endsWith(".so")) {
          natives.add(name);
        }
      }
      if (natives.isEmpty()) {
        return 0;
      }
      for (String name : natives) {
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
          Files.copy(in, jar.resolveSibling(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      try (OutputStream file = Files.newOutputStream(rest);
          ZipOutputStream out = new ZipOutputStream(file)) {
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
          ZipEntry entry = e.nextElement();
          if (!natives.contains(entry.getName())) {
            copyEntry(zip, entry, out);
          }
        }
      }
    }
    Files.move(rest, jar, StandardCopyOption.REPLACE_EXISTING);
    return natives.size();
  }
}
