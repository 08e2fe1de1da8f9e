package dev.docsift.slm.pack;

import dev.docsift.errors.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Installs a pack from a .zip archive on disk. The archive's SHA-256 is checked first when one is
 * expected; it is then unpacked by {@link ZipUnpacker}, which refuses entries that would write
 * outside the staging folder, links and zip bombs. The pack may sit at the archive's top or in its
 * one top-level folder.
 */
final class ArchiveSource implements PackStore.PackSource {
  private final Path zip;
  private final String sha256;
  private final ZipUnpacker unpacker;

  /**
   * A source that unpacks an archive.
   *
   * @param zip the archive
   * @param sha256 the archive's expected SHA-256 (64 lower-case hex digits), or null for no check
   * @param unpacker unpacks it safely
   */
  ArchiveSource(Path zip, String sha256, ZipUnpacker unpacker) {
    this.zip = zip;
    this.sha256 = sha256;
    this.unpacker = unpacker;
  }

  @Override
  public Path writeTo(Path staging) throws PackException {
    checkArchive(zip, sha256, "the archive " + zip.getFileName());
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
      throw PackFiles.io("Cannot read the unpacked archive", e);
    }
    throw new PackException(
        ErrorCode.MODEL_NOT_FOUND,
        "The archive "
            + zip.getFileName()
            + " is not a model pack: it has no pack.json at its top or in its one top folder.");
  }

  /**
   * Checks an archive's SHA-256.
   *
   * @param archive the archive
   * @param expected 64 lower-case hex digits, or null to check nothing
   * @param what the archive as the user knows it ("the archive x.zip", "the download of URL")
   * @throws PackException HASH_MISMATCH when the hash differs, IO when the archive cannot be read
   */
  static void checkArchive(Path archive, String expected, String what) throws PackException {
    if (expected == null) {
      return;
    }
    String actual;
    try {
      actual = Sha256.of(archive);
    } catch (IOException e) {
      throw PackFiles.io("Cannot read " + archive, e);
    }
    if (!actual.equals(expected)) {
      throw new PackException(
          ErrorCode.MODEL_HASH_MISMATCH,
          Character.toUpperCase(what.charAt(0))
              + what.substring(1)
              + " is damaged or altered: expected sha256 "
              + expected
              + " but it has "
              + actual
              + ".");
    }
  }
}
