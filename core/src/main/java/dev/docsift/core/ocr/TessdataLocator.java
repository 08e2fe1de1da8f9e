package dev.docsift.core.ocr;

import dev.docsift.core.DocsiftException;
import dev.docsift.errors.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the tessdata folder. Order: the folder the user named (authoritative: no fallback, so a
 * typo is reported rather than silently replaced); {@code $TESSDATA_PREFIX} (the folder itself or
 * its {@code tessdata} child, as Tesseract 4+ and 3 read it); the usual system folders; last, the
 * English and OSD data inside Tess4J's jar, copied once to a cache folder.
 */
final class TessdataLocator {
  private static final List<String> SYSTEM_FOLDERS =
      List.of(
          "/usr/share/tesseract-ocr/5/tessdata",
          "/usr/share/tesseract-ocr/4.00/tessdata",
          "/usr/share/tessdata",
          "/usr/local/share/tessdata",
          "/usr/local/share/tesseract-ocr/tessdata",
          "/opt/homebrew/share/tessdata",
          "/opt/local/share/tessdata",
          "C:\\Program Files\\Tesseract-OCR\\tessdata");

  /** What Tess4J's jar carries. */
  private static final List<String> JAR_FILES = List.of("eng.traineddata", "osd.traineddata");

  private TessdataLocator() {}

  /** The folder holding every requested language. */
  static Path locate(List<String> languages, Path explicit) throws DocsiftException {
    if (explicit != null) {
      Path folder = explicit.toAbsolutePath().normalize();
      if (!Files.isDirectory(folder)) {
        throw new DocsiftException(
            ErrorCode.TESSDATA_NOT_FOUND, "The tessdata folder " + folder + " does not exist.");
      }
      List<String> missing = missing(folder, languages);
      if (!missing.isEmpty()) {
        throw languageMissing(missing, List.of(folder));
      }
      return folder;
    }
    Set<Path> searched = new LinkedHashSet<>(candidates());
    boolean anyData = false;
    for (Path folder : searched) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      List<String> missing = missing(folder, languages);
      if (missing.isEmpty()) {
        return folder;
      }
      anyData |= missing.size() < languages.size() || hasAnyTraineddata(folder);
    }
    if (JAR_FILES.containsAll(languages.stream().map(l -> l + ".traineddata").toList())) {
      Path extracted = extractFromJar();
      if (extracted != null) {
        return extracted;
      }
    }
    if (!anyData) {
      throw new DocsiftException(
          ErrorCode.TESSDATA_NOT_FOUND,
          "No Tesseract language data (tessdata) was found in "
              + describe(searched)
              + ": install it (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-eng;"
              + " macOS: brew install tesseract), set TESSDATA_PREFIX or pass --tessdata.");
    }
    List<String> missing = languages;
    for (Path folder : searched) {
      if (Files.isDirectory(folder) && hasAnyTraineddata(folder)) {
        missing = missing(folder, languages);
        break;
      }
    }
    throw languageMissing(missing, searched);
  }

  /** Whether orientation detection data is there. */
  static boolean hasOsd(Path folder) {
    return Files.isRegularFile(folder.resolve("osd.traineddata"));
  }

  private static List<Path> candidates() {
    List<Path> out = new ArrayList<>();
    String prefix = System.getenv("TESSDATA_PREFIX");
    if (prefix != null && !prefix.isBlank()) {
      Path p = Path.of(prefix.trim()).toAbsolutePath().normalize();
      out.add(p);
      out.add(p.resolve("tessdata"));
    }
    for (String s : SYSTEM_FOLDERS) {
      out.add(Path.of(s));
    }
    return out;
  }

  private static List<String> missing(Path folder, List<String> languages) {
    return languages.stream()
        .filter(l -> !Files.isRegularFile(folder.resolve(l + ".traineddata")))
        .toList();
  }

  private static boolean hasAnyTraineddata(Path folder) {
    try (var files = Files.list(folder)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".traineddata"));
    } catch (IOException e) {
      return false;
    }
  }

  private static DocsiftException languageMissing(List<String> missing, Iterable<Path> searched) {
    String files = String.join(", ", missing.stream().map(l -> l + ".traineddata").toList());
    String packages =
        String.join(
            " ",
            missing.stream()
                .map(l -> "tesseract-ocr-" + l.toLowerCase(Locale.ROOT).replace('_', '-'))
                .toList());
    return new DocsiftException(
        ErrorCode.LANGUAGE_MISSING,
        "OCR language data "
            + files
            + " was not found in "
            + describe(searched)
            + ": install it (Debian/Ubuntu: apt-get install "
            + packages
            + "; macOS: brew install tesseract-lang), or download it from"
            + " https://github.com/tesseract-ocr/tessdata_fast into a folder given with"
            + " --tessdata.");
  }

  private static String describe(Iterable<Path> folders) {
    List<String> names = new ArrayList<>();
    folders.forEach(f -> names.add(f.toString()));
    return String.join(", ", names);
  }

  /**
   * Copies the jar's English and OSD data to a cache folder, once; null when the jar has none or
   * the copy fails. Files are written under a temporary name and moved into place, so a concurrent
   * process never reads half a file.
   */
  private static Path extractFromJar() {
    ClassLoader loader = TessdataLocator.class.getClassLoader();
    URL eng = loader.getResource("tessdata/eng.traineddata");
    if (eng == null) {
      return null;
    }
    try {
      URLConnection probe = eng.openConnection();
      long engSize = probe.getContentLengthLong();
      probe.getInputStream().close();
      Path folder = Path.of(System.getProperty("java.io.tmpdir"), "docsift-tessdata-" + engSize);
      Files.createDirectories(folder);
      for (String name : JAR_FILES) {
        URL url = loader.getResource("tessdata/" + name);
        Path target = folder.resolve(name);
        if (url == null) {
          continue;
        }
        URLConnection connection = url.openConnection();
        long expected = connection.getContentLengthLong();
        if (Files.isRegularFile(target) && Files.size(target) == expected) {
          connection.getInputStream().close();
          continue;
        }
        Path part = Files.createTempFile(folder, name, ".part");
        try (InputStream in = connection.getInputStream()) {
          Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
          Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
          Files.deleteIfExists(part);
        }
      }
      return folder;
    } catch (IOException e) {
      return null;
    }
  }
}
