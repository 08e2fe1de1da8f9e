package dev.docsift.slm.pack;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The installed model packs: one folder per pack, named after the pack, under a root folder in the
 * user's data folder. Installs are staged in {@code .staging} under the root and moved into place
 * atomically only once fully verified, so a half-installed pack is never visible.
 */
public final class PackStore {
  /** The environment variable that overrides the store's folder. */
  public static final String ENV = "DOCSIFT_MODELS";

  private static final String STAGING = ".staging";
  private static final String DOWNLOADS = "downloads";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern FRAGMENT_SHA = Pattern.compile("sha256=([0-9a-fA-F]{64})");

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
        long size = sizeOf(folder);
        try {
          PackManifest manifest = PackManifest.read(folder.resolve(PackManifest.FILE_NAME));
          packs.add(new InstalledPack(name, folder, manifest, size, null));
        } catch (PackException e) {
          packs.add(new InstalledPack(name, folder, null, size, e.getMessage()));
        }
      }
    } catch (IOException e) {
      throw io("Cannot list " + root, e);
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
      throw io("Cannot remove " + folder, e);
    } finally {
      deleteQuietly(trash);
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
        staging -> {
          String lower = source.toLowerCase(Locale.ROOT);
          if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return fromUrl(source, options, listener, staging);
          }
          Path path = Path.of(source);
          if (Files.isDirectory(path)) {
            return fromFolder(path, staging);
          } else if (Files.isRegularFile(path)) {
            checkArchive(path, options.sha256());
            return fromZip(path, staging);
          }
          throw new PackException(
              PackException.Reason.NOT_FOUND,
              "There is no folder, zip file or URL " + source + " to install a pack from.");
        },
        options.force());
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
      deleteQuietly(staging);
    }
  }

  private Path fromFolder(Path source, Path staging) throws PackException {
    PackManifest manifest = PackManifest.read(source.resolve(PackManifest.FILE_NAME));
    Path target = staging.resolve("pack");
    try {
      Files.createDirectories(target);
      Files.copy(source.resolve(PackManifest.FILE_NAME), target.resolve(PackManifest.FILE_NAME));
      // Only what the manifest names: model folders often hold other exports worth gigabytes.
      for (PackManifest.FileEntry entry : manifest.files().values()) {
        Path from = source.resolve(entry.path());
        if (!Files.isRegularFile(from)) {
          throw new PackException(
              PackException.Reason.MISSING_FILE,
              "The pack folder " + source + " lacks the file " + entry.path() + ".");
        }
        Path to = target.resolve(entry.path());
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw io("Cannot copy the pack from " + source, e);
    }
    return target;
  }

  private Path fromZip(Path zip, Path staging) throws PackException {
    Path unpacked = staging.resolve("unpacked");
    unpacker.unpack(zip, unpacked);
    if (Files.isRegularFile(unpacked.resolve(PackManifest.FILE_NAME))) {
      return unpacked;
    }
    // A zip of a pack folder: the pack sits in its only top-level folder.
    try (Stream<Path> children = Files.list(unpacked)) {
      List<Path> all = children.toList();
      if (all.size() == 1
          && Files.isDirectory(all.getFirst())
          && Files.isRegularFile(all.getFirst().resolve(PackManifest.FILE_NAME))) {
        return all.getFirst();
      }
    } catch (IOException e) {
      throw io("Cannot read the unpacked archive", e);
    }
    throw new PackException(
        PackException.Reason.NOT_FOUND,
        "The archive "
            + zip.getFileName()
            + " is not a model pack: it has no pack.json at its top or in its one top folder.");
  }

  private Path fromUrl(
      String source, InstallOptions options, ProgressListener listener, Path staging)
      throws PackException {
    URI uri;
    try {
      uri = new URI(source);
    } catch (URISyntaxException e) {
      throw new PackException(
          PackException.Reason.DOWNLOAD_FAILED, "The URL " + source + " is not valid.");
    }
    String expected = options.sha256();
    if (uri.getFragment() != null) {
      var m = FRAGMENT_SHA.matcher(uri.getFragment());
      if (!m.matches()) {
        throw new PackException(
            PackException.Reason.DOWNLOAD_FAILED,
            "The URL fragment #" + uri.getFragment() + " is not understood: use #sha256=<64 hex>.");
      }
      String fromUrl = m.group(1).toLowerCase(Locale.ROOT);
      if (expected != null && !expected.equals(fromUrl)) {
        throw new PackException(
            PackException.Reason.DOWNLOAD_FAILED,
            "The --sha256 given and the URL's #sha256 fragment disagree.");
      }
      expected = fromUrl;
    }
    URI request = withoutFragment(uri);
    checkAllowed(request);
    Path downloads = root.resolve(STAGING).resolve(DOWNLOADS);
    // Named after the URL, so that a later run of the same install resumes this .part file.
    Path part = downloads.resolve(hashOf(request.toString()).substring(0, 24) + ".part");
    try {
      Files.createDirectories(downloads);
    } catch (IOException e) {
      throw io("Cannot create " + downloads, e);
    }
    downloader.download(request, part, listener);
    try {
      checkArchive(part, expected);
    } catch (PackException e) {
      // A damaged download must not be resumed: the next attempt starts from byte 0.
      deleteQuietly(part);
      throw e;
    }
    Path zip = staging.resolve("download.zip");
    try {
      Files.move(part, zip, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw io("Cannot move the download into " + staging, e);
    }
    return fromZip(zip, staging);
  }

  /** Only https; plain http only to this machine (tests, a local mirror), which stays offline. */
  private static void checkAllowed(URI uri) throws PackException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost();
    boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
    if (host.isEmpty() || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
      throw new PackException(
          PackException.Reason.DOWNLOAD_FAILED,
          "The URL " + uri + " is refused: packs download over https only.");
    }
  }

  private static URI withoutFragment(URI uri) throws PackException {
    try {
      return new URI(
          uri.getScheme(),
          uri.getRawAuthority() == null ? null : uri.getAuthority(),
          uri.getPath(),
          uri.getQuery(),
          null);
    } catch (URISyntaxException e) {
      throw new PackException(
          PackException.Reason.DOWNLOAD_FAILED, "The URL " + uri + " is not valid.");
    }
  }

  private static void checkArchive(Path archive, String expected) throws PackException {
    if (expected == null) {
      return;
    }
    String actual;
    try {
      actual = Sha256.of(archive);
    } catch (IOException e) {
      throw io("Cannot read " + archive, e);
    }
    if (!actual.equals(expected)) {
      throw new PackException(
          PackException.Reason.HASH_MISMATCH,
          "The downloaded archive is damaged or altered: expected sha256 "
              + expected
              + " but it has "
              + actual
              + ".");
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
      throw io("Cannot move the pack into " + root + " atomically", e);
    } catch (IOException e) {
      if (old != null && !Files.exists(target)) {
        try {
          Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException restore) {
          e.addSuppressed(restore);
        }
      }
      throw io("Cannot move the pack into " + target, e);
    }
  }

  private PackException alreadyInstalled(String name) {
    return new PackException(
        PackException.Reason.ALREADY_INSTALLED,
        "A pack named " + name + " is installed already; use --force to replace it.");
  }

  private Path installed(String name) throws PackException {
    Path folder = NAME.matcher(name).matches() ? root.resolve(name) : null;
    if (folder == null || !Files.isDirectory(folder)) {
      throw new PackException(
          PackException.Reason.NOT_FOUND,
          "No pack named " + name + " is installed in " + root + ".");
    }
    return folder;
  }

  private Path newStaging() throws PackException {
    Path staging = root.resolve(STAGING).resolve("op-" + UUID.randomUUID());
    try {
      Files.createDirectories(staging);
    } catch (IOException e) {
      throw io("Cannot create " + staging, e);
    }
    return staging;
  }

  /** Bytes of every regular file under a folder. */
  static long sizeOf(Path folder) throws PackException {
    try (Stream<Path> files = Files.walk(folder)) {
      long total = 0;
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p)) {
          total += Files.size(p);
        }
      }
      return total;
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new PackException(
          PackException.Reason.IO, "Cannot measure " + folder + ": " + e.getMessage() + ".", e);
    }
  }

  private static String hashOf(String text) {
    MessageDigest digest = Sha256.digest();
    return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Deletes a file or folder tree, never following links; leftovers are not worth failing for. */
  private static void deleteQuietly(Path path) {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // Left in .staging; harmless, and never visible as a pack.
    }
  }

  private static PackException io(String what, IOException e) {
    return new PackException(PackException.Reason.IO, what + ": " + e.getMessage() + ".", e);
  }
}
