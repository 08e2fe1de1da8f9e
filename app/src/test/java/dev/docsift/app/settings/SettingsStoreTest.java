package dev.docsift.app.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docsift.slm.decoder.ExecutionProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings persist atomically, and a file that cannot be used is never lost. */
class SettingsStoreTest {
  @TempDir Path dir;

  @Test
  void noFileGivesTheDefaults() {
    SettingsStore.Loaded loaded = new SettingsStore(dir.resolve("none")).load();
    assertThat(loaded.settings()).isEqualTo(Settings.defaults());
    assertThat(loaded.notice()).isEmpty();
  }

  @Test
  void savedSettingsComeBack() throws Exception {
    SettingsStore store = new SettingsStore(dir.resolve("docsift"));
    Settings s =
        new Settings(
            Path.of("/opt/tessdata"),
            "eng+deu",
            "/home/me/po.schema.json",
            3,
            Path.of("/data/models"),
            ExecutionProvider.CUDA);
    store.save(s);
    assertThat(store.file()).isRegularFile();
    try (Stream<Path> files = Files.list(store.file().getParent())) {
      assertThat(files).as("no temporary file left").containsExactly(store.file());
    }
    SettingsStore.Loaded loaded = new SettingsStore(dir.resolve("docsift")).load();
    assertThat(loaded.settings()).isEqualTo(s);
    assertThat(loaded.notice()).isEmpty();
    assertThat(Files.readString(store.file())).contains("\"execution_provider\" : \"cuda\"");
  }

  @Test
  void aFileThatIsNotJsonIsKeptAsideAndDefaultsAreUsed() throws Exception {
    SettingsStore store = new SettingsStore(dir);
    Files.writeString(store.file(), "{\"threads\": 4, oops");
    SettingsStore.Loaded loaded = store.load();

    assertThat(loaded.settings()).isEqualTo(Settings.defaults());
    assertThat(loaded.notice()).get().asString().contains("kept as settings.json.bad-");
    Path aside = only(dir, "settings.json.bad-");
    assertThat(Files.readString(aside)).isEqualTo("{\"threads\": 4, oops");
    assertThat(Files.readString(store.file()))
        .as("the original stays until saved over")
        .contains("oops");
  }

  @Test
  void usableValuesAreKeptAndTheRestTakeTheirDefaults() throws Exception {
    SettingsStore store = new SettingsStore(dir);
    Files.writeString(
        store.file(),
        """
        {"languages": "eng+fra", "threads": -2, "execution_provider": "warp",
         "default_schema": "invoice", "tessdata": "/opt/t", "unknown": true}
        """);
    SettingsStore.Loaded loaded = store.load();

    Settings s = loaded.settings();
    assertThat(s.languages()).isEqualTo("eng+fra");
    assertThat(s.defaultSchema()).isEqualTo("invoice");
    assertThat(s.tessdata()).isEqualTo(Path.of("/opt/t"));
    assertThat(s.threads()).isEqualTo(Settings.defaults().threads());
    assertThat(s.provider()).isEqualTo(ExecutionProvider.AUTO);
    assertThat(loaded.notice()).get().asString().contains("threads", "warp", "kept as");
    assertThat(only(dir, "settings.json.bad-")).content().contains("warp");
  }

  @Test
  void settingsRefuseValuesThatCannotWork() {
    Settings d = Settings.defaults();
    assertThatThrownBy(() -> new Settings(null, "eng;rm -rf", "receipt", 1, null, d.provider()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Settings(null, "eng", " ", 1, null, d.provider()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Settings(null, "eng", "receipt", 0, null, d.provider()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new Settings(null, "eng, deu", "receipt", 1, null, d.provider()).languages())
        .isEqualTo("eng+deu");
  }

  @Test
  void theWindowKeepsACoreForItself() {
    assertThat(Settings.defaultThreads(1)).isEqualTo(1);
    assertThat(Settings.defaultThreads(2)).isEqualTo(1);
    assertThat(Settings.defaultThreads(8)).isEqualTo(7);
    assertThat(Settings.defaults().pipeline(dev.docsift.core.engine.EngineChoice.OCR).threads())
        .isEqualTo(Settings.defaults().threads());
  }

  @Test
  void theFolderFollowsEachPlatformsConvention() {
    Path home = Path.of("/home/me");
    assertThat(SettingsStore.defaultFolder("/tmp/x", Map.of("DOCSIFT_CONFIG", "/y"), "Linux", home))
        .isEqualTo(Path.of("/tmp/x"));
    assertThat(SettingsStore.defaultFolder(null, Map.of("DOCSIFT_CONFIG", "/y"), "Linux", home))
        .isEqualTo(Path.of("/y"));
    assertThat(SettingsStore.defaultFolder(null, Map.of("XDG_CONFIG_HOME", "/xdg"), "Linux", home))
        .isEqualTo(Path.of("/xdg/docsift"));
    assertThat(SettingsStore.defaultFolder(null, Map.of("XDG_CONFIG_HOME", "rel"), "Linux", home))
        .isEqualTo(Path.of("/home/me/.config/docsift"));
    assertThat(SettingsStore.defaultFolder(null, Map.of(), "Mac OS X", home))
        .isEqualTo(Path.of("/home/me/Library/Application Support/docsift"));
    assertThat(SettingsStore.defaultFolder(null, Map.of("APPDATA", "/appdata"), "Windows 11", home))
        .isEqualTo(Path.of("/appdata/docsift"));
  }

  private static Path only(Path dir, String prefix) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .reduce(
              (a, b) -> {
                throw new AssertionError("more than one " + prefix);
              })
          .orElseThrow(() -> new AssertionError("no " + prefix + " file"));
    }
  }
}
