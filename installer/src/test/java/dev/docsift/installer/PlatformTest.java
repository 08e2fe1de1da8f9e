package dev.docsift.installer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The folder names third-party jars keep their natives in, read for each platform. */
class PlatformTest {
  private static final Platform LINUX = new Platform(Platform.Os.LINUX, "x64");
  private static final Platform MAC_ARM = new Platform(Platform.Os.MAC, "aarch64");
  private static final Platform WINDOWS = new Platform(Platform.Os.WINDOWS, "x64");

  @Test
  void eachLibrarysSpellingOfAPlatformIsRead() {
    // ONNX Runtime, the tokenizers, JNA, Tess4J and lept4j.
    for (String linux : new String[] {"linux-x64", "linux-x86_64", "linux-x86-64"}) {
      assertThat(LINUX.ownsNativeFolder(linux)).as(linux).contains(true);
      assertThat(WINDOWS.ownsNativeFolder(linux)).as(linux).contains(false);
    }
    for (String mac : new String[] {"osx-aarch64", "darwin-aarch64"}) {
      assertThat(MAC_ARM.ownsNativeFolder(mac)).as(mac).contains(true);
      assertThat(LINUX.ownsNativeFolder(mac)).as(mac).contains(false);
    }
    for (String win : new String[] {"win-x64", "win-x86_64", "win32-x86-64"}) {
      assertThat(WINDOWS.ownsNativeFolder(win)).as(win).contains(true);
    }
    assertThat(WINDOWS.ownsNativeFolder("win32-x86")).contains(false);
    assertThat(LINUX.ownsNativeFolder("linux-aarch64")).contains(false);
    assertThat(LINUX.ownsNativeFolder("aix-ppc64")).contains(false);
    assertThat(LINUX.ownsNativeFolder("sunos-x86-64")).contains(false);
  }

  @Test
  void otherFolderNamesAreNotPlatforms() {
    for (String name : new String[] {"native", "lib", "tessdata", "linux", "win-tools", "ai"}) {
      assertThat(LINUX.ownsNativeFolder(name)).as(name).isEmpty();
    }
  }

  @Test
  void thisMachineIsAPlatform() {
    Platform here = Platform.current();
    assertThat(here.arch()).isNotBlank();
    assertThat(here.toString()).contains("-");
  }
}
