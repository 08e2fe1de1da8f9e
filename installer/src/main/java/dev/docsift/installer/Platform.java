package dev.docsift.installer;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operating system and processor: the one an installer is built for (jpackage builds only for
 * the platform it runs on), and the ones third-party jars name in their folders of natives.
 *
 * @param os the operating system
 * @param arch the processor, normalised: {@code x64}, {@code aarch64}, or the name as written
 */
record Platform(Os os, String arch) {
  /** Operating systems; {@code OTHER} for the ones docsift builds nothing for (AIX, BSDs, …). */
  enum Os {
    LINUX,
    MAC,
    WINDOWS,
    OTHER
  }

  // Folder names of natives in ONNX Runtime (linux-x64, osx-aarch64, win-x64), the tokenizers
  // (linux-x86_64, win-x86_64), JNA (linux-x86-64, darwin-aarch64, win32-x86-64, aix-ppc64) and
  // Tess4J / lept4j (win32-x86-64, win32-x86).
  private static final Pattern NATIVE_FOLDER =
      Pattern.compile(
          "(linux|osx|darwin|macos|mac|win32|windows|win|aix|freebsd|openbsd|netbsd|dragonflybsd"
              + "|sunos|solaris)-(x64|x86[_-]64|amd64|x86|i386|i686|aarch64|arm64|armel|armhf|arm"
              + "|ppc64le|ppc64|ppc|s390x|mips64el|riscv64|loongarch64|sparcv9|sparc)");

  /**
   * The platform this JVM runs on.
   *
   * @return the platform
   */
  static Platform current() {
    return new Platform(os(System.getProperty("os.name", "")), arch(System.getProperty("os.arch")));
  }

  /**
   * Whether a folder inside a jar holds natives for a platform, and if so whether for this one.
   *
   * @param folder one path segment, such as {@code linux-x86_64}
   * @return empty when the name names no platform; else whether it names this one
   */
  Optional<Boolean> ownsNativeFolder(String folder) {
    Matcher m = NATIVE_FOLDER.matcher(folder.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    Platform named = new Platform(os(m.group(1)), arch(m.group(2)));
    return Optional.of(named.os != Os.OTHER && named.equals(this));
  }

  boolean isLinux() {
    return os == Os.LINUX;
  }

  boolean isMac() {
    return os == Os.MAC;
  }

  boolean isWindows() {
    return os == Os.WINDOWS;
  }

  private static Os os(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.startsWith("linux")) {
      return Os.LINUX;
    }
    if (n.startsWith("mac") || n.startsWith("osx") || n.startsWith("darwin")) {
      return Os.MAC;
    }
    if (n.startsWith("win")) {
      return Os.WINDOWS;
    }
    return Os.OTHER;
  }

  private static String arch(String name) {
    String a = name == null ? "" : name.toLowerCase(Locale.ROOT);
    return switch (a) {
      case "amd64", "x86_64", "x86-64", "x64" -> "x64";
      case "aarch64", "arm64" -> "aarch64";
      default -> a;
    };
  }

  @Override
  public String toString() {
    return os.name().toLowerCase(Locale.ROOT) + "-" + arch;
  }
}
