package dev.docsift.app.cli.models;

import dev.docsift.slm.pack.PackStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --models-dir} option every {@code docsift models} subcommand takes. */
public final class ModelsDirOption {
  @Option(
      names = "--models-dir",
      paramLabel = "DIR",
      description =
          "Folder of installed packs (default: $"
              + PackStore.ENV
              + ", else the user data folder, such as ~/.local/share/docsift/models).")
  Path dir;

  /** The store this option names. */
  public PackStore store() {
    return new PackStore(dir != null ? dir : PackStore.defaultRoot());
  }
}
