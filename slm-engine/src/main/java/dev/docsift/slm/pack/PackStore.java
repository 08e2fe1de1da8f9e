package dev.docsift.slm.pack;

import dev.docsift.errors.ErrorCode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The installed model packs: one folder per pack, named after the pack, under a root folder in the
 * user's data folder. Installs are staged in {@code .staging} under the root and moved into place
 * atomically only once fully verified, so a half-installed pack is never visible.
 *
 * <p>Where a pack comes from is a {@link PackSource}: the store owns the staging folder, the
 * verification and the move into place; a source only writes the pack. {@link #install(String,
 * InstallOptions, ProgressListener)} picks one of the built-in sources (a folder, a .zip file, an
 * https URL) from its argument; importers are sources of their own.
 */
public final class PackStore {
  /** The environment variable that overrides the store's folder. */
  public static final String ENV = "DOCSIFT_MODELS";

  private static final String STAGING = ".staging";
  private static final String DOWNLOADS = "downloads";

  private final Path root;
  private final Downloader downloader;
  private final ZipUnpacker unpacker;
  private final ModelPack.Verification verification;

  /**
   * A store in a given folder (created on the first install).
   *
   * @param root the folder that holds one folder per pack
   */
  public PackStore(Path root) {
    this(
        root,
        new Downloader(Downloader::defaultClient, 5, Duration.ofSeconds(1)),
        new ZipUnpacker(),
        ModelPack.Verification.FULL);
  }

  /** For tests: a given downloader and unpacker, and packs without ONNX graphs. */
  PackStore(
      Path root, Downloader downloader, ZipUnpacker unpacker, ModelPack.Verification verification) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    this.downloader = downloader;
    this.unpacker = unpacker;
    this.verification = verification;
  }

  /** A store in {@link #defaultRoot()}. */
  public static PackStore openDefault() {
    return new PackStore(defaultRoot());
  }

  /**
   * The store's folder for this user: {@code $DOCSIFT_MODELS} when set, otherwise the platform's
   * data folder ({@code $XDG_DATA_HOME/docsift/models} or {@code ~/.local/share/docsift/models} on
   * Linux, {@code ~/Library/Application Support/docsift/models} on macOS, {@code
   * %LOCALAPPDATA%\docsift\models} on Windows).
   */
  public static Path defaultRoot() {
    return defaultRoot(
        System.getenv(),
        System.getProperty("os.name", ""),
        Path.of(System.getProperty("user.home")));
  }

  /**
   * The store's folder for given surroundings (testable form of {@link #defaultRoot()}).
   *
   * @param env environment variables
   * @param osName the {@code os.name} system property
   * @param home the user's home folder
   * @return the folder
   */
  public static Path defaultRoot(Map<String, String> env, String osName, Path home) {
    String override = env.get(ENV);
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      String local = env.get("LOCALAPPDATA");
      Path base =
          local != null && !local.isBlank()
              ? Path.of(local)
              : home.resolve("AppData").resolve("Local");
      return base.resolve("docsift").resolve("models");
    }
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return home.resolve("Library")
          .resolve("Application Support")
          .resolve("docsift")
          .resolve("models");
    }
    String xdg = env.get("XDG_DATA_HOME");
    // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
    Path base =
        xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : home.resolve(".local").resolve("share");
    return base.resolve("docsift").resolve("models");
  }

  /** The folder that holds the packs. */
  public Path root() {
    return root;
  }

  /**
   * The installed packs, by name. Cheap: reads each pack.json, hashes nothing.
   *
   * @return the packs, sorted by name; empty when the store does not exist yet
   * @throws PackException IO when the store cannot be read
   */
  public List<InstalledPack> list() throws PackException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<InstalledPack> packs = new ArrayList<>();
    try (Stream<Path> children = Files.list(root)) {
      for (Path folder : children.sorted().toList()) {
        String name = folder.getFileName().toString();
        if (name.startsWith(".") || !Files.isDirectory(folder)) {
          continue;
        }
        long size = PackFiles.sizeOf(folder);
        try {
          PackManifest manifest = PackManifest.read(folder.resolve(PackManifest.FILE_NAME));
          packs.add(new InstalledPack(name, folder, manifest, size, null));
        } catch (PackException e) {
          packs.add(new InstalledPack(name, folder, null, size, e.getMessage()));
        }
      }
    } catch (IOException e) {
      throw PackFiles.io("Cannot list " + root, e);
    }
    return packs;
  }

  /**
   * Opens and fully verifies an installed pack.
   *
   * @param name the pack's name
   * @return the pack
   * @throws PackException NOT_FOUND when no such pack is installed, or any verification failure
   */
  public ModelPack open(String name) throws PackException {
    return ModelPack.open(installed(name), verification);
  }

  /**
   * Opens an installed pack, checking as much as asked: a caller that opens the graphs itself (and
   * so checks them) need not have them opened twice.
   *
   * @param name the pack's name
   * @param check how much to verify
   * @return the pack
   * @throws PackException NOT_FOUND when no such pack is installed, or any verification failure
   */
  public ModelPack open(String name, ModelPack.Verification check) throws PackException {
    return ModelPack.open(installed(name), check);
  }

  /**
   * Verifies an installed pack: files, SHA-256 of every file, graphs.
   *
   * @param name the pack's name
   * @return every problem found, empty when the pack is intact
   * @throws PackException NOT_FOUND when no such pack is installed
   */
  public List<Problem> verify(String name) throws PackException {
    return ModelPack.verify(installed(name), verification);
  }

  /**
   * Removes an installed pack.
   *
   * @param name the pack's name
   * @throws PackException NOT_FOUND when no such pack is installed, IO when it cannot be deleted
   */
  public void remove(String name) throws PackException {
    Path folder = installed(name);
    Path trash = newStaging();
    try {
      // Moved out first, atomically, so a pack that fails to delete half-way is not left looking
      // installed; any leftovers sit in .staging, which list() never shows.
      Files.move(folder, trash.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw PackFiles.io("Cannot remove " + folder, e);
    } finally {
      PackFiles.deleteQuietly(trash);
    }
  }

  /**
   * Installs a pack with {@link InstallOptions#DEFAULT}.
   *
   * @see #install(String, InstallOptions, ProgressListener)
   */
  public ModelPack install(String source, ProgressListener listener) throws PackException {
    return install(source, InstallOptions.DEFAULT, listener);
  }

  /**
   * Installs a pack from a folder (its pack.json and the files it names are copied), a .zip file,
   * or an https URL of a .zip (downloaded resumably; {@code #sha256=HEX} at the end checks the
   * archive). The pack is fully verified before it becomes visible in the store.
   *
   * @param source a folder, a .zip path, or a URL
   * @param options force and archive hash
   * @param listener hears download progress
   * @return the installed, verified pack
   * @throws PackException NOT_FOUND (no such source), DOWNLOAD_FAILED, UNSAFE_ARCHIVE,
   *     HASH_MISMATCH, INVALID_MANIFEST, MISSING_FILE, GRAPH_MISMATCH, ALREADY_INSTALLED or IO
   */
  public ModelPack install(String source, InstallOptions options, ProgressListener listener)
      throws PackException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(listener, "listener");
    return install(
        staging -> sourceFor(source, options, listener).writeTo(staging), options.force());
  }

  /** The source that a folder, a .zip path or a URL names. */
  private PackSource sourceFor(String source, InstallOptions options, ProgressListener listener)
      throws PackException {
    if (UrlSource.isUrl(source)) {
      return new UrlSource(source, options.sha256(), downloads(), downloader, unpacker, listener);
    }
    Path path = Path.of(source);
    if (Files.isDirectory(path)) {
      return new FolderSource(path);
    } else if (Files.isRegularFile(path)) {
      return new ArchiveSource(path, options.sha256(), unpacker);
    }
    throw new PackException(
        ErrorCode.MODEL_NOT_FOUND,
        "There is no folder, zip file or URL " + source + " to install a pack from.");
  }

  /**
   * Where resumable downloads wait between runs: under {@code .staging}, which {@link #list()}
   * never shows and which shares the store's file system, so that a finished download moves into an
   * install's staging folder in one rename; but outside any one install's staging folder, which is
   * deleted when that install ends, so that a later run finds the {@code .part} file and resumes
   * it.
   */
  private Path downloads() {
    return root.resolve(STAGING).resolve(DOWNLOADS);
  }

  /** Writes a pack folder inside a staging folder that the store owns and later deletes. */
  @FunctionalInterface
  public interface PackSource {
    /**
     * Writes the pack.
     *
     * @param staging an empty folder on the store's file system
     * @return the folder holding the written pack.json, inside {@code staging}
     * @throws PackException when the pack cannot be written
     */
    Path writeTo(Path staging) throws PackException;
  }

  /**
   * Installs a pack that a source writes (an importer, a download): the pack is written into a
   * staging folder, fully verified, then moved into the store in one rename, so that it appears
   * whole or not at all.
   *
   * @param source writes the pack
   * @param force replace an installed pack of the same name
   * @return the installed, verified pack
   * @throws PackException what the source throws, any verification failure, ALREADY_INSTALLED or IO
   */
  public ModelPack install(PackSource source, boolean force) throws PackException {
    Objects.requireNonNull(source, "source");
    Path staging = newStaging();
    try {
      ModelPack pack = ModelPack.open(source.writeTo(staging), verification);
      return moveIntoPlace(pack, staging, force);
    } finally {
      PackFiles.deleteQuietly(staging);
    }
  }

  private ModelPack moveIntoPlace(ModelPack pack, Path staging, boolean force)
      throws PackException {
    String name = pack.name();
    Path target = root.resolve(name);
    Path old = null;
    try {
      if (Files.exists(target)) {
        if (!force) {
          throw alreadyInstalled(name);
        }
        old = staging.resolve("replaced");
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      }
      // One rename inside the same file system: the pack appears whole or not at all.
      Files.move(pack.folder(), target, StandardCopyOption.ATOMIC_MOVE);
      return pack.movedTo(target);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      // Another install of the same name won the race.
      throw alreadyInstalled(name);
    } catch (AtomicMoveNotSupportedException e) {
      throw PackFiles.io("Cannot move the pack into " + root + " atomically", e);
    } catch (IOException e) {
      if (old != null && !Files.exists(target)) {
        try {
          Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException restore) {
          e.addSuppressed(restore);
        }
      }
      throw PackFiles.io("Cannot move the pack into " + target, e);
    }
  }

  private PackException alreadyInstalled(String name) {
    return new PackException(
        ErrorCode.MODEL_ALREADY_INSTALLED,
        "A pack named " + name + " is installed already; use --force to replace it.");
  }

  private Path installed(String name) throws PackException {
    Path folder = PackManifest.isValidName(name) ? root.resolve(name) : null;
    if (folder == null || !Files.isDirectory(folder)) {
      throw new PackException(
          ErrorCode.MODEL_NOT_FOUND, "No pack named " + name + " is installed in " + root + ".");
    }
    return folder;
  }

  private Path newStaging() throws PackException {
    Path staging = root.resolve(STAGING).resolve("op-" + UUID.randomUUID());
    try {
      Files.createDirectories(staging);
    } catch (IOException e) {
      throw PackFiles.io("Cannot create " + staging, e);
    }
    return staging;
  }
}
