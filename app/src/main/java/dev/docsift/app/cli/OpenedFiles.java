package dev.docsift.app.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Documents a desktop opened with docsift. A double-click on a PDF associated with the installed
 * app, or a file manager's "Open with docsift", starts the launcher with the documents and nothing
 * else: local paths (the desktop entry's {@code %F}, Windows' {@code "%1"}) or {@code file:} URIs.
 * Those open the window with the documents queued, as {@code docsift gui FILE...} does. Every other
 * command line is left as it is, so a subcommand, an option or a path that is not an existing file
 * keeps its meaning (or its usage error).
 */
public final class OpenedFiles {
  private OpenedFiles() {}

  /**
   * The command line to run for the launcher's arguments.
   *
   * @param args what the launcher was given
   * @param commands the names of the top-level subcommands, which always win
   * @return {@code gui} followed by the documents' paths when every argument is an existing file,
   *     else {@code args} unchanged
   */
  public static String[] commandLine(String[] args, Set<String> commands) {
    return documents(List.of(args), commands)
        .map(
            files -> {
              List<String> line = new ArrayList<>(files.size() + 1);
              line.add("gui");
              files.forEach(f -> line.add(f.toString()));
              return line.toArray(String[]::new);
            })
        .orElse(args);
  }

  /**
   * The documents the arguments name, when they are nothing but existing files.
   *
   * @param args what the launcher was given
   * @param commands the names of the top-level subcommands
   * @return the files, or empty when the arguments are a command line of another kind
   */
  static Optional<List<Path>> documents(List<String> args, Set<String> commands) {
    if (args.isEmpty() || commands.contains(args.get(0))) {
      return Optional.empty();
    }
    List<Path> files = new ArrayList<>(args.size());
    for (String arg : args) {
      Optional<Path> file = existingFile(arg);
      if (file.isEmpty()) {
        return Optional.empty();
      }
      files.add(file.get());
    }
    return Optional.of(List.copyOf(files));
  }

  private static Optional<Path> existingFile(String arg) {
    if (arg.isEmpty() || arg.startsWith("-") || arg.startsWith("@")) {
      return Optional.empty(); // an option, or one of picocli's argument files
    }
    try {
      Path path =
          arg.toLowerCase(Locale.ROOT).startsWith("file:")
              ? Path.of(URI.create(arg))
              : Path.of(arg);
      return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    } catch (IllegalArgumentException e) {
      // A URI with a host or a query, or a name this file system cannot hold
      // (InvalidPathException):
      // not a document.
      return Optional.empty();
    }
  }
}
