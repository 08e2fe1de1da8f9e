package dev.docsift.app.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.core.export.AtomicFiles;
import dev.docsift.core.ocr.OcrOptions;
import dev.docsift.slm.decoder.ExecutionProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes {@link Settings} as {@code settings.json} in the user's config folder.
 *
 * <p>The folder is the system property {@value #PROPERTY} when set, else {@code $}{@value #ENV},
 * else {@code $XDG_CONFIG_HOME/docsift} or {@code ~/.config/docsift} on Linux, {@code
 * ~/Library/Application Support/docsift} on macOS, {@code %APPDATA%\docsift} on Windows.
 *
 * <p>Nothing a user wrote is lost: a file that cannot be read, or holds a value that is not usable,
 * is copied aside as {@code settings.json.bad-<time>} before anything replaces it, and {@link
 * Loaded#notice()} says so. Values that are usable are kept; the rest take their defaults. Writes
 * are atomic.
 */
public final class SettingsStore {
  /** The system property that names the config folder (tests use a temporary one). */
  public static final String PROPERTY = "docsift.config.dir";

  /** The environment variable that names the config folder. */
  public static final String ENV = "DOCSIFT_CONFIG";

  /** The file's name in the folder. */
  public static final String FILE_NAME = "settings.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path file;

  /**
   * A store in a given folder.
   *
   * @param folder the config folder; created on the first save
   */
  public SettingsStore(Path folder) {
    this.file = folder.resolve(FILE_NAME);
  }

  /** The store in this user's config folder. */
  public static SettingsStore openDefault() {
    return new SettingsStore(
        defaultFolder(
            System.getProperty(PROPERTY),
            System.getenv(),
            System.getProperty("os.name", ""),
            Path.of(System.getProperty("user.home"))));
  }

  /**
   * The config folder for given surroundings (testable form of the class comment's rule).
   *
   * @param property the {@value #PROPERTY} system property, or null
   * @param env environment variables
   * @param osName the {@code os.name} system property
   * @param home the user's home folder
   * @return the folder
   */
  public static Path defaultFolder(
      String property, Map<String, String> env, String osName, Path home) {
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String override = env.get(ENV);
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      String appData = env.get("APPDATA");
      Path base =
          appData != null && !appData.isBlank()
              ? Path.of(appData)
              : home.resolve("AppData").resolve("Roaming");
      return base.resolve("docsift");
    }
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return home.resolve("Library").resolve("Application Support").resolve("docsift");
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
    Path base =
        xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : home.resolve(".config");
    return base.resolve("docsift");
  }

  /** The settings file. */
  public Path file() {
    return file;
  }

  /**
   * What {@link #load()} found.
   *
   * @param settings the settings to use
   * @param notice a sentence for the user when the file had problems, else empty
   */
  public record Loaded(Settings settings, Optional<String> notice) {}

  /**
   * Reads the settings; defaults when there is no file yet. Never throws for a bad file: see the
   * class comment.
   *
   * @return the settings and, when the file had problems, a notice
   */
  public Loaded load() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Loaded(Settings.defaults(), Optional.empty());
    } catch (IOException e) {
      return new Loaded(
          Settings.defaults(),
          Optional.of(
              "Your settings in "
                  + file
                  + " cannot be read ("
                  + e.getMessage()
                  + "); defaults are used and the file is left as it is."));
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      return new Loaded(
          Settings.defaults(), Optional.of(setAside("it is not a JSON object", List.of())));
    }
    List<String> problems = new ArrayList<>();
    Settings settings = parse(root, problems);
    return new Loaded(
        settings, problems.isEmpty() ? Optional.empty() : Optional.of(setAside(null, problems)));
  }

  /**
   * Writes the settings atomically.
   *
   * @param settings the settings
   * @throws IOException when the folder cannot be written
   */
  public void save(Settings settings) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    root.put("tessdata", settings.tessdata() == null ? null : settings.tessdata().toString());
    root.put("languages", settings.languages());
    root.put("default_schema", settings.defaultSchema());
    root.put("threads", settings.threads());
    root.put("models_dir", settings.modelsDir() == null ? null : settings.modelsDir().toString());
    root.put("execution_provider", settings.provider().id());
    AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  private static Settings parse(JsonNode root, List<String> problems) {
    // Each value on its own: one bad value must not cost the others.
    Settings d = Settings.defaults();
    Path tessdata = path(root, "tessdata", d.tessdata(), problems);
    String languages = d.languages();
    String lang = text(root, "languages", null, problems);
    if (lang != null) {
      try {
        languages = String.join("+", OcrOptions.parseLanguages(lang));
      } catch (IllegalArgumentException e) {
        problems.add("languages: " + e.getMessage());
      }
    }
    String schema = text(root, "default_schema", d.defaultSchema(), problems);
    if (schema.isBlank()) {
      problems.add("default_schema is blank");
      schema = d.defaultSchema();
    }
    int threads = d.threads();
    JsonNode t = root.get("threads");
    if (t != null && !t.isNull()) {
      if (t.isIntegralNumber() && t.asInt() >= 1 && t.asInt() <= Settings.MAX_THREADS) {
        threads = t.asInt();
      } else {
        problems.add("threads must be a whole number from 1 to " + Settings.MAX_THREADS);
      }
    }
    Path modelsDir = path(root, "models_dir", d.modelsDir(), problems);
    ExecutionProvider provider = d.provider();
    String ep = text(root, "execution_provider", null, problems);
    if (ep != null) {
      try {
        provider = ExecutionProvider.parse(ep);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    return new Settings(tessdata, languages, schema, threads, modelsDir, provider);
  }

  private static String text(JsonNode root, String key, String fallback, List<String> problems) {
    JsonNode v = root.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual()) {
      problems.add(key + " is not text");
      return fallback;
    }
    return v.asText();
  }

  private static Path path(JsonNode root, String key, Path fallback, List<String> problems) {
    String text = text(root, key, null, problems);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return Path.of(text);
    } catch (RuntimeException e) {
      problems.add(key + " is not a usable path");
      return fallback;
    }
  }

  /** Copies the file aside; returns the sentence that tells the user. */
  private String setAside(String why, List<String> problems) {
    String reason = why != null ? why : String.join("; ", problems);
    Path aside = file.resolveSibling(FILE_NAME + ".bad-" + LocalDateTime.now().format(STAMP));
    try {
      Files.copy(file, aside, StandardCopyOption.COPY_ATTRIBUTES);
      return "Your settings file "
          + file
          + " had problems ("
          + reason
          + "): it was kept as "
          + aside.getFileName()
          + " and defaults are used where needed.";
    } catch (IOException e) {
      return "Your settings file "
          + file
          + " had problems ("
          + reason
          + ") and cannot be copied aside ("
          + e.getMessage()
          + "); defaults are used where needed.";
    }
  }
}
