package dev.docsift.slm.pack;

import dev.docsift.errors.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Installs a pack from the https URL of a .zip archive. The download is resumable: it goes into a
 * {@code .part} file named after the URL in a downloads folder that outlives one install, so that a
 * later run of the same install asks only for the bytes it lacks. A {@code #sha256=HEX} fragment
 * (or the install's option) checks the archive before it is unpacked as an {@link ArchiveSource}.
 * Plain http is refused except to this machine.
 */
final class UrlSource implements PackStore.PackSource {
  private static final Pattern FRAGMENT_SHA = Pattern.compile("sha256=([0-9a-fA-F]{64})");

  private final String url;
  private final String sha256;
  private final Path downloads;
  private final Downloader downloader;
  private final ZipUnpacker unpacker;
  private final ProgressListener listener;

  /**
   * A source that downloads an archive.
   *
   * @param url the URL, possibly ending in {@code #sha256=HEX}
   * @param sha256 the archive's expected SHA-256 (64 lower-case hex digits), or null
   * @param downloads the folder that keeps {@code .part} files between runs
   * @param downloader downloads with resume
   * @param unpacker unpacks the archive safely
   * @param listener hears download progress
   */
  UrlSource(
      String url,
      String sha256,
      Path downloads,
      Downloader downloader,
      ZipUnpacker unpacker,
      ProgressListener listener) {
    this.url = url;
    this.sha256 = sha256;
    this.downloads = downloads;
    this.downloader = downloader;
    this.unpacker = unpacker;
    this.listener = listener;
  }

  /** Whether an install source names a URL (http or https, in any case) rather than a path. */
  static boolean isUrl(String source) {
    String lower = source.toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }

  @Override
  public Path writeTo(Path staging) throws PackException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new PackException(ErrorCode.MODEL_DOWNLOAD_FAILED, "The URL " + url + " is not valid.");
    }
    String expected = sha256;
    if (uri.getFragment() != null) {
      var m = FRAGMENT_SHA.matcher(uri.getFragment());
      if (!m.matches()) {
        throw new PackException(
            ErrorCode.MODEL_DOWNLOAD_FAILED,
            "The URL fragment #" + uri.getFragment() + " is not understood: use #sha256=<64 hex>.");
      }
      String fromUrl = m.group(1).toLowerCase(Locale.ROOT);
      if (expected != null && !expected.equals(fromUrl)) {
        throw new PackException(
            ErrorCode.MODEL_DOWNLOAD_FAILED,
            "The --sha256 given and the URL's #sha256 fragment disagree.");
      }
      expected = fromUrl;
    }
    URI request = withoutFragment(uri);
    checkAllowed(request);
    Path part = partFile(downloads, request);
    try {
      Files.createDirectories(downloads);
    } catch (IOException e) {
      throw PackFiles.io("Cannot create " + downloads, e);
    }
    // Two installs of one URL would append to one .part file: the second waits for nothing and
    // is refused while the first holds the lock (released when this method returns).
    try (FileChannel channel =
            FileChannel.open(lockFile(part), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = lock(channel, request)) {
      try {
        return download(request, part, expected, staging);
      } finally {
        // Removed while still locked: an install that opened it before can only be refused.
        PackFiles.deleteQuietly(lockFile(part));
      }
    } catch (IOException e) {
      throw PackFiles.io("Cannot lock the download of " + request, e);
    }
  }

  /** The .part file of a URL: named after it, so that a later run of the same install resumes. */
  static Path partFile(Path downloads, URI request) {
    return downloads.resolve(hashOf(request.toString()).substring(0, 24) + ".part");
  }

  /** The file whose lock marks a .part file as being written. */
  static Path lockFile(Path part) {
    return part.resolveSibling(part.getFileName() + ".lock");
  }

  private static FileLock lock(FileChannel channel, URI request) throws IOException, PackException {
    FileLock held;
    try {
      held = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      held = null; // held by another install in this process
    }
    if (held == null) {
      throw new PackException(
          ErrorCode.MODEL_DOWNLOAD_FAILED,
          "Another install is downloading "
              + request
              + " now; wait for it to finish, then run this one again.");
    }
    return held;
  }

  private Path download(URI request, Path part, String expected, Path staging)
      throws PackException {
    downloader.download(request, part, listener);
    try {
      ArchiveSource.checkArchive(part, expected, "the download of " + request);
    } catch (PackException e) {
      // A damaged download must not be resumed: the next attempt starts from byte 0.
      PackFiles.deleteQuietly(part);
      throw e;
    }
    Path zip = staging.resolve("download.zip");
    try {
      Files.move(part, zip, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw PackFiles.io("Cannot move the download into " + staging, e);
    }
    // The hash was checked on the .part file above.
    return new ArchiveSource(zip, null, unpacker).writeTo(staging);
  }

  /** Only https; plain http only to this machine (tests, a local mirror), which stays offline. */
  private static void checkAllowed(URI uri) throws PackException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost();
    boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
    if (host.isEmpty() || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
      throw new PackException(
          ErrorCode.MODEL_DOWNLOAD_FAILED,
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
      throw new PackException(ErrorCode.MODEL_DOWNLOAD_FAILED, "The URL " + uri + " is not valid.");
    }
  }

  private static String hashOf(String text) {
    return HexFormat.of().formatHex(Sha256.digest().digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
