package dev.docsift.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A platform's copy of a jar keeps its own natives and everything that is not native. */
class JarTrimmerTest {
  private static final Platform LINUX = new Platform(Platform.Os.LINUX, "x64");
  private static final Platform WINDOWS = new Platform(Platform.Os.WINDOWS, "x64");

  @TempDir Path dir;

  @Test
  void otherPlatformsNativesAreLeftOut() throws IOException {
    Path jar =
        jar(
            "onnxruntime-1.29.0.jar",
            "META-INF/MANIFEST.MF",
            "ai/onnxruntime/OrtSession.class",
            "ai/onnxruntime/native/linux-x64/libonnxruntime.so",
            "ai/onnxruntime/native/linux-aarch64/libonnxruntime.so",
            "ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib",
            "ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib.dSYM/Contents/Info.plist",
            "ai/onnxruntime/native/win-x64/onnxruntime.dll",
            "ThirdPartyNotices.txt");
    Path copy = dir.resolve("copy.jar");
    JarTrimmer.Trimmed t = new JarTrimmer(LINUX).copy(jar, copy);
    assertThat(t.entries()).isEqualTo(4);
    assertThat(entries(copy))
        .containsExactly(
            "META-INF/MANIFEST.MF",
            "ai/onnxruntime/OrtSession.class",
            "ai/onnxruntime/native/linux-x64/libonnxruntime.so",
            "ThirdPartyNotices.txt");
    assertThat(content(copy, "ai/onnxruntime/native/linux-x64/libonnxruntime.so"))
        .isEqualTo("ai/onnxruntime/native/linux-x64/libonnxruntime.so");
  }

  @Test
  void tess4jKeepsItsTessdataOnlyOnWindows() throws IOException {
    Path jar =
        jar(
            "tess4j-5.20.0.jar",
            "net/sourceforge/tess4j/TessAPI.class",
            "tessdata/eng.traineddata",
            "tessdata/configs/hocr",
            "win32-x86-64/libtesseract553.dll");
    Path linux = dir.resolve("linux.jar");
    new JarTrimmer(LINUX).copy(jar, linux);
    assertThat(entries(linux))
        .containsExactly("net/sourceforge/tess4j/TessAPI.class", "tessdata/configs/hocr");
    Path windows = dir.resolve("windows.jar");
    new JarTrimmer(WINDOWS).copy(jar, windows);
    assertThat(entries(windows)).hasSize(4);
  }

  @Test
  void corePpOcrModelsAreKeptOnEveryPlatform() {
    for (Platform p : new Platform[] {LINUX, WINDOWS, new Platform(Platform.Os.MAC, "aarch64")}) {
      JarTrimmer trimmer = new JarTrimmer(p);
      for (String model :
          new String[] {
            "ch_PP-OCRv4_det_infer.onnx",
            "ch_PP-OCRv4_rec_infer.onnx",
            "ch_ppocr_mobile_v2.0_cls_infer.onnx",
            "ppocr_keys_v1.txt"
          }) {
        assertThat(
                trimmer.keep(
                    "docsift-core-0.1.0-SNAPSHOT.jar", "dev/docsift/core/ocr/ppocr/" + model))
            .isTrue();
      }
    }
  }

  @Test
  void aJarWithNothingToLeaveOutIsCopiedByteForByte() throws IOException {
    Path jar = jar("picocli-4.7.7.jar", "picocli/CommandLine.class", "META-INF/LICENSE");
    Path copy = dir.resolve("copy.jar");
    assertThat(new JarTrimmer(LINUX).copy(jar, copy)).isEqualTo(JarTrimmer.Trimmed.NOTHING);
    assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(jar));
  }

  @Test
  void aSignedJarIsNeverChanged() throws IOException {
    Path jar =
        jar(
            "signed.jar",
            "META-INF/MANIFEST.MF",
            "META-INF/SIGNER.SF",
            "META-INF/SIGNER.RSA",
            "native/win-x64/x.dll");
    Path copy = dir.resolve("copy.jar");
    new JarTrimmer(LINUX).copy(jar, copy);
    assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(jar));
  }

  @Test
  void storedEntriesStayStored() throws IOException {
    Path jar = dir.resolve("stored.jar");
    byte[] data = "stored".getBytes();
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
      ZipEntry e = new ZipEntry("a.txt");
      e.setMethod(ZipEntry.STORED);
      e.setSize(data.length);
      CRC32 crc = new CRC32();
      crc.update(data);
      e.setCrc(crc.getValue());
      out.putNextEntry(e);
      out.write(data);
      out.closeEntry();
      out.putNextEntry(new ZipEntry("native/osx-aarch64/x.dylib"));
      out.closeEntry();
    }
    Path copy = dir.resolve("copy.jar");
    new JarTrimmer(LINUX).copy(jar, copy);
    try (ZipFile zip = new ZipFile(copy.toFile())) {
      assertThat(zip.getEntry("a.txt").getMethod()).isEqualTo(ZipEntry.STORED);
      assertThat(new String(zip.getInputStream(zip.getEntry("a.txt")).readAllBytes()))
          .isEqualTo("stored");
      assertThat(zip.size()).isEqualTo(1);
    }
  }

  @Test
  void javaFxNativesMoveBesideTheirJarOnLinux() throws IOException {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Path jar =
        jar(
            "lib/javafx-graphics-21-linux.jar",
            "com/sun/glass/utils/NativeLibLoader.class",
            "libglass.so",
            "libprism_sw.so",
            "javafx.properties");
    assertThat(new JarTrimmer(LINUX).moveJavaFxNatives(jar)).isEqualTo(2);
    assertThat(entries(jar))
        .containsExactly("com/sun/glass/utils/NativeLibLoader.class", "javafx.properties");
    assertThat(Files.readString(lib.resolve("libglass.so"))).isEqualTo("libglass.so");
    assertThat(lib.resolve("libprism_sw.so")).exists();
    assertThat(lib.resolve("javafx-graphics-21-linux.jar.tmp")).doesNotExist();

    Path windowsJar = jar("lib/javafx-graphics-21-win.jar", "glass.dll");
    assertThat(new JarTrimmer(WINDOWS).moveJavaFxNatives(windowsJar)).isZero();
    assertThat(entries(windowsJar)).containsExactly("glass.dll");
  }

  /** A jar whose entries hold their own names. */
  private Path jar(String name, String... entries) throws IOException {
    Path jar = dir.resolve(name);
    try (OutputStream file = Files.newOutputStream(jar);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (String e : entries) {
        out.putNextEntry(new ZipEntry(e));
        out.write(e.getBytes());
        out.closeEntry();
      }
    }
    return jar;
  }

  private static List<String> entries(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      List<String> names = new ArrayList<>();
      for (ZipEntry e : Collections.list(zip.entries())) {
        names.add(e.getName());
      }
      return names;
    }
  }

  private static String content(Path jar, String entry) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return new String(zip.getInputStream(zip.getEntry(entry)).readAllBytes());
    }
  }
}
