package dev.docsift.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * jpackage's options on each platform. The Windows and macOS ones cannot be run here: these checks
 * keep them consistent (every file they name exists, image and installer options stay apart).
 */
class JpackageOptionsTest {
  private static final Path CONFIG = Path.of("src", "jpackage");
  private static final List<Platform> PLATFORMS =
      List.of(
          new Platform(Platform.Os.LINUX, "x64"),
          new Platform(Platform.Os.WINDOWS, "x64"),
          new Platform(Platform.Os.MAC, "aarch64"));

  private static JpackageOptions.Inputs inputs(Platform p, int feature) {
    return new JpackageOptions.Inputs(
        p, "0.1.0", feature, Path.of("in"), Path.of("rt"), CONFIG, Path.of("res"), "");
  }

  @Test
  void theUnsafeSwitchIsGivenOnlyToRuntimesThatKnowIt() {
    assertThat(JpackageOptions.javaOptions(21))
        .containsExactly("--enable-native-access=ALL-UNNAMED", "-Xms64m");
    assertThat(JpackageOptions.javaOptions(25))
        .containsExactly(
            "--enable-native-access=ALL-UNNAMED",
            "-Xms64m",
            "--sun-misc-unsafe-memory-access=allow");
  }

  @Test
  void everyFileTheOptionsNameExists() {
    for (Platform p : PLATFORMS) {
      List<String> all =
          new java.util.ArrayList<>(JpackageOptions.appImage(inputs(p, 25), Path.of("d")));
      all.addAll(JpackageOptions.installer(inputs(p, 25), Path.of("img"), Path.of("d")));
      for (int i = 0; i < all.size() - 1; i++) {
        String option = all.get(i);
        String value = all.get(i + 1);
        if (option.equals("--icon") || option.equals("--file-associations")) {
          assertThat(Path.of(value)).as(p + " " + option).isRegularFile();
        }
        if (option.equals("--add-launcher")) {
          assertThat(Path.of(value.substring(value.indexOf('=') + 1)))
              .as(p + " " + option)
              .isRegularFile();
        }
      }
    }
  }

  @Test
  void imageOptionsAndInstallerOptionsStayApart() {
    List<String> installerOnly =
        List.of(
            "--file-associations",
            "--install-dir",
            "--resource-dir",
            "--linux-shortcut",
            "--linux-package-deps",
            "--linux-menu-group",
            "--win-menu",
            "--win-shortcut",
            "--win-dir-chooser",
            "--win-upgrade-uuid");
    for (Platform p : PLATFORMS) {
      assertThat(JpackageOptions.appImage(inputs(p, 25), Path.of("d")))
          .as(p.toString())
          .contains(
              "--main-jar", JpackageOptions.MAIN_JAR, "--main-class", JpackageOptions.MAIN_CLASS)
          .doesNotContainAnyElementsOf(installerOnly);
      assertThat(JpackageOptions.installer(inputs(p, 25), Path.of("img"), Path.of("d")))
          .as(p.toString())
          .contains("--app-image", "img")
          .doesNotContain("--main-jar", "--java-options", "--icon", "--add-launcher");
    }
  }

  @Test
  void linuxDeclaresTesseractAndPdfAndTheDesktopEntry() {
    Platform linux = PLATFORMS.get(0);
    List<String> deb = JpackageOptions.installer(inputs(linux, 25), Path.of("img"), Path.of("d"));
    assertThat(deb)
        .containsSequence("--type", "deb")
        .containsSequence("--linux-package-deps", "tesseract-ocr, tesseract-ocr-eng")
        .containsSequence("--install-dir", "/opt")
        .contains("--linux-shortcut", "--resource-dir");
    assertThat(JpackageOptions.LINUX_LAUNCHER).isEqualTo("/opt/docsift/bin/docsift");
  }

  @Test
  void windowsHasAConsoleLauncherForTheCommandLine() throws Exception {
    Platform windows = PLATFORMS.get(1);
    List<String> image = JpackageOptions.appImage(inputs(windows, 25), Path.of("d"));
    assertThat(image).anyMatch(a -> a.startsWith("docsift-cli="));
    Properties cli = new Properties();
    try (var in = Files.newInputStream(CONFIG.resolve("windows/docsift-cli.properties"))) {
      cli.load(in);
    }
    assertThat(cli.getProperty("win-console")).isEqualTo("true");
    assertThat(JpackageOptions.installer(inputs(windows, 25), Path.of("img"), Path.of("d")))
        .containsSequence("--type", "msi")
        .containsSequence("--win-upgrade-uuid", JpackageOptions.WINDOWS_UPGRADE_UUID)
        .contains("--file-associations");
  }

  @Test
  void macOsHasItsIdentifierAndNoFileAssociation() {
    Platform mac = PLATFORMS.get(2);
    assertThat(JpackageOptions.appImage(inputs(mac, 25), Path.of("d")))
        .containsSequence("--mac-package-identifier", JpackageOptions.MAC_IDENTIFIER);
    assertThat(JpackageOptions.installer(inputs(mac, 25), Path.of("img"), Path.of("d")))
        .containsSequence("--type", "dmg")
        .doesNotContain("--file-associations");
  }

  @Test
  void thePdfAssociationIsThePdfType() throws Exception {
    Properties pdf = new Properties();
    try (var in = Files.newInputStream(CONFIG.resolve("pdf.properties"))) {
      pdf.load(in);
    }
    assertThat(pdf.getProperty("mime-type")).isEqualTo("application/pdf");
    assertThat(pdf.getProperty("extension")).isEqualTo("pdf");
    assertThat(Files.readString(CONFIG.resolve("linux/docsift.desktop")))
        .contains("Exec=APPLICATION_LAUNCHER %F", "DESKTOP_MIMES");
  }

  @Test
  void theDesktopEntryNamesTheWindowsClass() throws Exception {
    // JavaFX names the window's X11 class after the Application class; docks match it to the
    // desktop entry (and its icon) through StartupWMClass.
    String entry = Files.readString(CONFIG.resolve("linux/docsift.desktop"));
    String wmClass = entry.replaceFirst("(?s).*StartupWMClass=([^\\n]+).*", "$1").strip();
    Class<?> app = Class.forName(wmClass, false, getClass().getClassLoader());
    assertThat(Class.forName("javafx.application.Application", false, app.getClassLoader()))
        .isAssignableFrom(app);
  }
}
