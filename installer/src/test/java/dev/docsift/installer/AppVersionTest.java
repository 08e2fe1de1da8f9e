package dev.docsift.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** jpackage's numeric versions from Maven's. */
class AppVersionTest {
  private static final Platform LINUX = new Platform(Platform.Os.LINUX, "x64");
  private static final Platform MAC = new Platform(Platform.Os.MAC, "aarch64");
  private static final Platform WINDOWS = new Platform(Platform.Os.WINDOWS, "x64");

  @Test
  void theQualifierGoes() {
    assertThat(AppVersion.of("0.1.0-SNAPSHOT")).hasToString("0.1.0");
    assertThat(AppVersion.of("1.2")).hasToString("1.2.0");
    assertThat(AppVersion.of("3")).hasToString("3.0.0");
    assertThat(AppVersion.of("2.0.1.RELEASE")).hasToString("2.0.1");
    assertThatThrownBy(() -> AppVersion.of("next")).hasMessageContaining("numbers");
  }

  @Test
  void eachPlatformGetsAVersionItsInstallerAccepts() {
    AppVersion v = AppVersion.of("0.1.0-SNAPSHOT");
    assertThat(v.forPlatform(LINUX, null)).isEqualTo("0.1.0");
    assertThat(v.forPlatform(WINDOWS, "")).isEqualTo("0.1.0");
    assertThat(v.forPlatform(MAC, null)).isEqualTo("1.0.0"); // jpackage refuses 0.x there
    assertThat(v.forPlatform(MAC, "1.4")).isEqualTo("1.4.0");
    assertThat(AppVersion.of("2.3.4").forPlatform(MAC, null)).isEqualTo("2.3.4");
    assertThatThrownBy(() -> AppVersion.of("256.0.0").forPlatform(WINDOWS, null))
        .hasMessageContaining("255.255.65535");
  }
}
