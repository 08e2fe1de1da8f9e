package dev.docsift.slm.pack;

import dev.docsift.errors.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model pack on disk that has passed verification: its pack.json is valid, every file it names
 * exists with the right SHA-256, and (unless skipped) its ONNX graphs declare the inputs and
 * outputs pack.json describes. Immutable; holds no native memory (the graphs are opened only to be
 * checked, then closed).
 */
public final class ModelPack {
  /** How much {@link #open(Path, Verification)} checks. */
  public enum Verification {
    /** Manifest, files, hashes and graphs. */
    FULL,
    /** Manifest, files and hashes; the graphs are not opened (for tools and tests without ONNX). */
    SKIP_GRAPHS
  }

  private final Path folder;
  private final PackManifest manifest;
  private final PackPaths paths;

  private ModelPack(Path folder, PackManifest manifest) {
    this.folder = folder;
    this.manifest = manifest;
    this.paths = PackPaths.of(folder, manifest);
  }

  /**
   * Opens and fully verifies a pack folder: manifest, files, SHA-256 of every file, graphs.
   *
   * @param folder the pack folder, holding pack.json
   * @return the verified pack
   * @throws PackException with the first problem found (NOT_FOUND, INVALID_MANIFEST, MISSING_FILE,
   *     HASH_MISMATCH, GRAPH_MISMATCH or IO)
   */
  public static ModelPack open(Path folder) throws PackException {
    return open(folder, Verification.FULL);
  }

  /**
   * Opens and verifies a pack folder.
   *
   * @param folder the pack folder, holding pack.json
   * @param verification how much to check
   * @return the verified pack
   * @throws PackException with the first problem found; the message says how many more there are
   */
  public static ModelPack open(Path folder, Verification verification) throws PackException {
    Objects.requireNonNull(verification, "verification");
    if (!Files.isDirectory(folder)) {
      throw new PackException(
          ErrorCode.MODEL_NOT_FOUND, "There is no model pack folder at " + folder + ".");
    }
    PackManifest manifest = PackManifest.read(folder.resolve(PackManifest.FILE_NAME));
    List<Problem> problems = check(folder, manifest, verification);
    if (!problems.isEmpty()) {
      Problem first = problems.getFirst();
      String more =
          problems.size() == 1
              ? ""
              : " (" + (problems.size() - 1) + " more problem(s); run docsift models verify)";
      String message = first.message();
      if (!more.isEmpty() && message.endsWith(".")) {
        message = message.substring(0, message.length() - 1) + more + ".";
      }
      throw new PackException(first.code(), message);
    }
    return new ModelPack(folder, manifest);
  }

  /**
   * Verifies the pack again, now: files, SHA-256 of every file, graphs.
   *
   * @return every problem found, empty when the pack is intact
   */
  public List<Problem> verify() {
    return verify(folder);
  }

  /**
   * Verifies a pack folder without throwing, collecting every problem.
   *
   * @param folder the pack folder
   * @return every problem found (a manifest problem stops the checks), empty when intact
   */
  public static List<Problem> verify(Path folder) {
    return verify(folder, Verification.FULL);
  }

  /**
   * Verifies a pack folder without throwing, collecting every problem.
   *
   * @param folder the pack folder
   * @param verification how much to check
   * @return every problem found (a manifest problem stops the checks), empty when intact
   */
  public static List<Problem> verify(Path folder, Verification verification) {
    PackManifest manifest;
    try {
      if (!Files.isDirectory(folder)) {
        return List.of(
            new Problem(
                ErrorCode.MODEL_NOT_FOUND, "There is no model pack folder at " + folder + "."));
      }
      manifest = PackManifest.read(folder.resolve(PackManifest.FILE_NAME));
    } catch (PackException e) {
      return List.of(new Problem(e.code(), e.getMessage()));
    }
    return check(folder, manifest, verification);
  }

  private static List<Problem> check(
      Path folder, PackManifest manifest, Verification verification) {
    List<Problem> problems = new ArrayList<>();
    for (Map.Entry<String, PackManifest.FileEntry> e : sorted(manifest.files())) {
      PackManifest.FileEntry entry = e.getValue();
      Path file = folder.resolve(entry.path());
      if (!Files.isRegularFile(file)) {
        problems.add(
            new Problem(
                ErrorCode.MODEL_FILE_MISSING,
                "The pack "
                    + manifest.name()
                    + " lacks its "
                    + e.getKey()
                    + " file "
                    + entry.path()
                    + "."));
        continue;
      }
      try {
        String actual = Sha256.of(file);
        if (!actual.equals(entry.sha256())) {
          problems.add(
              new Problem(
                  ErrorCode.MODEL_HASH_MISMATCH,
                  "The file "
                      + entry.path()
                      + " is damaged or altered: pack.json says sha256 "
                      + entry.sha256()
                      + " but the file has "
                      + actual
                      + "."));
        }
      } catch (IOException e2) {
        problems.add(
            new Problem(ErrorCode.MODEL_IO, "Cannot read " + file + ": " + e2.getMessage() + "."));
      }
    }
    // Graphs are only worth opening when every file is intact: a damaged graph can crash loaders.
    if (problems.isEmpty() && verification == Verification.FULL) {
      GraphChecker.check(manifest, PackPaths.of(folder, manifest), problems);
    }
    return problems;
  }

  private static List<Map.Entry<String, PackManifest.FileEntry>> sorted(
      Map<String, PackManifest.FileEntry> files) {
    return files.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
  }

  /** The same verified pack after its folder was moved (atomically) to {@code newFolder}. */
  ModelPack movedTo(Path newFolder) {
    return new ModelPack(newFolder, manifest);
  }

  /** The pack folder. */
  public Path folder() {
    return folder;
  }

  /** The pack's manifest. */
  public PackManifest manifest() {
    return manifest;
  }

  /** The pack's name, from pack.json. */
  public String name() {
    return manifest.name();
  }

  /** Where the graphs and tokenizer are. */
  public PackPaths paths() {
    return paths;
  }

  /**
   * The bytes the pack's files take on disk (pack.json and every file it names).
   *
   * @throws PackException IO when a file cannot be measured
   */
  public long sizeBytes() throws PackException {
    return PackFiles.sizeOf(folder);
  }

  @Override
  public String toString() {
    return "ModelPack[" + manifest.name() + " " + manifest.version() + " at " + folder + "]";
  }
}
