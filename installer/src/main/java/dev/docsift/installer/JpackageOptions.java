package dev.docsift.installer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What jpackage is told on each platform: first an app image (the launcher, the app's jars and the
 * bundled runtime), then the installer made from it. The Windows and macOS settings are written
 * here from jpackage's documentation and built only on those systems (the release workflow's
 * runners); see {@code installer/README.md}.
 */
final class JpackageOptions {
  static final String NAME = "docsift";
  static final String VENDOR = "docsift";
  static final String DESCRIPTION =
      "Turns scanned documents into JSON that validates against a JSON Schema, offline";
  static final String MAIN_JAR = "docsift-app.jar";
  static final String MAIN_CLASS = "dev.docsift.app.Main";

  /** Where the .deb installs the app: {@code /opt/docsift}. */
  static final String LINUX_INSTALL_DIR = "/opt";

  static final String LINUX_LAUNCHER = LINUX_INSTALL_DIR + "/" + NAME + "/bin/" + NAME;
  static final String LINUX_COMMAND_LINK = "/usr/bin/" + NAME;

  /**
   * The .deb's dependencies beyond the libraries jpackage finds itself: the Tesseract that Tess4J
   * loads, with its English data (tesseract-ocr brings the orientation data, tesseract-ocr-osd).
   */
  static final String LINUX_PACKAGE_DEPS = "tesseract-ocr, tesseract-ocr-eng";

  /**
   * Desktop menu categories (freedesktop.org's registered ones; OCR and Scanning go with Graphics).
   */
  static final String LINUX_MENU_GROUP = "Office;Graphics;Scanning;OCR;";

  /**
   * Windows Installer's upgrade code: the same for every release, so that installing a newer
   * docsift replaces the older one instead of sitting beside it. Never change it.
   */
  static final String WINDOWS_UPGRADE_UUID = "0479ddd4-57ca-44e8-945b-336998b1130b";

  /** macOS bundle identifier. */
  static final String MAC_IDENTIFIER = "dev.docsift.app";

  /**
   * What the options are made from.
   *
   * @param platform what is built (jpackage builds for the platform it runs on)
   * @param version the dotted version for this platform ({@link AppVersion#forPlatform})
   * @param runtimeFeature the bundled runtime's Java release (21, 25, ...)
   * @param input the staged app: {@code docsift-app.jar} and {@code lib/}
   * @param runtime the jlinked runtime
   * @param config {@code installer/src/jpackage}: icons, file association, launchers
   * @param resources jpackage's resource folder made for this build (Linux: the desktop entry and
   *     the maintainer scripts)
   * @param debMaintainer the .deb's maintainer e-mail address, or blank for jpackage's default
   */
  record Inputs(
      Platform platform,
      String version,
      int runtimeFeature,
      Path input,
      Path runtime,
      Path config,
      Path resources,
      String debMaintainer) {}

  private JpackageOptions() {}

  /**
   * The JVM options of every launcher. jpackage's launchers cannot set environment variables, so
   * nothing here may rely on one: Tesseract's OpenMP limit is set by docsift itself at run time
   * (core's {@code OpenMpThreads}). No heap limit: the JVM's default (a quarter of the memory), as
   * the {@code docsift} script runs a source build; the heap starts at 64 MB, as there, so that the
   * resident memory follows what docsift uses rather than the JVM's starting size (a 64th of the
   * memory), whose young generation G1 fills before it collects.
   *
   * @param runtimeFeature the bundled runtime's Java release
   * @return the options
   */
  static List<String> javaOptions(int runtimeFeature) {
    List<String> options = new ArrayList<>();
    // JNA, ONNX Runtime and the tokenizers load native code; JDK 24+ warns on every start without.
    options.add("--enable-native-access=ALL-UNNAMED");
    options.add("-Xms64m");
    if (runtimeFeature >= 23) {
      // JavaFX's renderer uses sun.misc.Unsafe, which JDK 24+ warns about; 23 added the switch.
      // An older runtime refuses the option, so it is added only where it exists.
      options.add("--sun-misc-unsafe-memory-access=allow");
    }
    return options;
  }

  /**
   * The options for the app image.
   *
   * @param in what the image is made from
   * @param dest the folder the image goes into
   * @return jpackage's arguments
   */
  static List<String> appImage(Inputs in, Path dest) {
    List<String> a = new ArrayList<>();
    add(a, "--type", "app-image");
    common(a, in);
    add(a, "--dest", dest.toString());
    add(a, "--input", in.input().toString());
    add(a, "--main-jar", MAIN_JAR);
    add(a, "--main-class", MAIN_CLASS);
    add(a, "--runtime-image", in.runtime().toString());
    for (String option : javaOptions(in.runtimeFeature())) {
      add(a, "--java-options", option);
    }
    Path icons = in.config().resolve("icons");
    switch (in.platform().os()) {
      case LINUX -> add(a, "--icon", icons.resolve("docsift.png").toString());
      case WINDOWS -> {
        add(a, "--icon", icons.resolve("docsift.ico").toString());
        // docsift.exe is the window's launcher (no console); docsift-cli.exe the command line's.
        add(
            a,
            "--add-launcher",
            "docsift-cli=" + in.config().resolve("windows/docsift-cli.properties"));
      }
      case MAC -> {
        add(a, "--icon", icons.resolve("docsift.icns").toString());
        add(a, "--mac-package-identifier", MAC_IDENTIFIER);
        add(a, "--mac-package-name", NAME);
        add(a, "--mac-app-category", "public.app-category.productivity");
      }
      case OTHER -> throw new IllegalStateException("jpackage builds nothing for " + in.platform());
    }
    return a;
  }

  /**
   * The installer type of a platform.
   *
   * @param platform the platform
   * @return {@code deb}, {@code msi} or {@code dmg}
   */
  static Optional<String> installerType(Platform platform) {
    return switch (platform.os()) {
      case LINUX -> Optional.of("deb");
      case WINDOWS -> Optional.of("msi");
      case MAC -> Optional.of("dmg");
      case OTHER -> Optional.empty();
    };
  }

  /**
   * The options for the installer made from an app image.
   *
   * @param in what the image was made from
   * @param appImage the app image ({@code docsift}, or {@code docsift.app} on macOS)
   * @param dest the folder the installer goes into
   * @return jpackage's arguments
   */
  static List<String> installer(Inputs in, Path appImage, Path dest) {
    List<String> a = new ArrayList<>();
    add(a, "--type", installerType(in.platform()).orElseThrow());
    common(a, in);
    add(a, "--app-image", appImage.toString());
    add(a, "--dest", dest.toString());
    Path pdf = in.config().resolve("pdf.properties");
    switch (in.platform().os()) {
      case LINUX -> {
        add(a, "--install-dir", LINUX_INSTALL_DIR);
        add(a, "--linux-package-name", NAME);
        add(a, "--linux-package-deps", LINUX_PACKAGE_DEPS);
        add(a, "--linux-app-category", "graphics"); // the Debian section Tesseract is in
        add(a, "--linux-menu-group", LINUX_MENU_GROUP);
        a.add("--linux-shortcut");
        add(a, "--file-associations", pdf.toString());
        // The desktop entry (with %F, so that an opened PDF reaches the window) and the maintainer
        // scripts that put docsift on PATH.
        add(a, "--resource-dir", in.resources().toString());
        if (!in.debMaintainer().isBlank()) {
          add(a, "--linux-deb-maintainer", in.debMaintainer());
        }
      }
      case WINDOWS -> {
        add(a, "--win-menu");
        add(a, "--win-menu-group", NAME);
        add(a, "--win-shortcut");
        add(a, "--win-shortcut-prompt");
        add(a, "--win-dir-chooser");
        add(a, "--win-upgrade-uuid", WINDOWS_UPGRADE_UUID);
        // Windows passes the opened file's path to docsift.exe, which opens the window with it.
        add(a, "--file-associations", pdf.toString());
      }
      case MAC -> {
        // No file association on macOS: Finder hands opened documents to an app as Apple Events,
        // not as arguments, and docsift does not listen for them yet (see installer/README.md).
      }
      case OTHER -> throw new IllegalStateException("jpackage builds nothing for " + in.platform());
    }
    return a;
  }

  private static void common(List<String> a, Inputs in) {
    add(a, "--name", NAME);
    add(a, "--app-version", in.version());
    add(a, "--vendor", VENDOR);
    add(a, "--description", DESCRIPTION);
  }

  private static void add(List<String> a, String... values) {
    a.addAll(List.of(values));
  }
}
