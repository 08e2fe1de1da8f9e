package dev.docsift.installer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version an installer carries. jpackage takes only dotted numbers, so the Maven version's
 * qualifier goes: {@code 0.1.0-SNAPSHOT} is {@code 0.1.0}.
 *
 * @param major the first number
 * @param minor the second
 * @param patch the third
 */
record AppVersion(int major, int minor, int patch) {
  private static final Pattern MAVEN =
      Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:[-.].*)?");

  /**
   * Reads a Maven project version.
   *
   * @param mavenVersion such as {@code 0.1.0-SNAPSHOT} or {@code 1.2}
   * @return its numbers
   * @throws IllegalArgumentException when it does not start with a number
   */
  static AppVersion of(String mavenVersion) {
    Matcher m = MAVEN.matcher(mavenVersion.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "The project version " + mavenVersion + " does not start with numbers (such as 1.2.3).");
    }
    return new AppVersion(number(m.group(1)), number(m.group(2)), number(m.group(3)));
  }

  /**
   * The version for an installer of a platform. Windows Installer allows at most 255.255.65535.
   * jpackage refuses on macOS a version whose first number is 0 (its {@code CFBundleVersion} check,
   * in every JDK up to at least 25): until docsift is 1.0, the macOS bundle says {@code 1.0.0}
   * unless {@code override} names another.
   *
   * @param platform what the installer is for
   * @param override a version given on the command line, or null
   * @return the dotted version
   */
  String forPlatform(Platform platform, String override) {
    if (override != null && !override.isBlank()) {
      return AppVersion.of(override).toString();
    }
    if (platform.isMac() && major == 0) {
      return "1.0.0";
    }
    if (platform.isWindows() && (major > 255 || minor > 255 || patch > 65535)) {
      throw new IllegalArgumentException(
          "Windows Installer versions go up to 255.255.65535, and " + this + " is beyond.");
    }
    return toString();
  }

  private static int number(String s) {
    return s == null ? 0 : Integer.parseInt(s);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
