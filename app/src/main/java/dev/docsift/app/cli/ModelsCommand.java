package dev.docsift.app.cli;

import dev.docsift.app.cli.models.DownloadProgress;
import dev.docsift.app.cli.models.ImportCommand;
import dev.docsift.app.cli.models.ModelsDirOption;
import dev.docsift.slm.pack.InstallOptions;
import dev.docsift.slm.pack.InstalledPack;
import dev.docsift.slm.pack.ModelPack;
import dev.docsift.slm.pack.PackException;
import dev.docsift.slm.pack.PackManifest;
import dev.docsift.slm.pack.PackStore;
import dev.docsift.slm.pack.Problem;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code docsift models list|install|verify|remove}: the installed model packs. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "Lists, installs, verifies and removes model packs for the slm engine.",
    subcommands = {
      ModelsCommand.ListPacks.class,
      ModelsCommand.InstallPack.class,
      ImportCommand.class,
      ModelsCommand.VerifyPack.class,
      ModelsCommand.RemovePack.class
    },
    footer = {
      "",
      "Exit codes: 0 done, 1 failed (a sentence with a DS6xx code on stderr), 2 usage error.",
      "Example: docsift models install https://example.org/tiny-llama.zip#sha256=<64 hex>",
      "         docsift models import ~/Downloads/Qwen2.5-0.5B-Instruct"
    })
public final class ModelsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The sentence that reports an installed pack: name, version, family, weights, size, folder.
   *
   * @throws PackException IO when the pack's size cannot be measured
   */
  public static String installed(ModelPack pack) throws PackException {
    PackManifest m = pack.manifest();
    return "Installed "
        + m.name()
        + " "
        + m.version()
        + " ("
        + m.family().json()
        + ", "
        + m.weightType().json()
        + ", "
        + DownloadProgress.size(pack.sizeBytes())
        + ") in "
        + pack.folder()
        + ".";
  }

  /** Prints a pack failure as one sentence with its code; returns exit code 1. */
  public static int fail(CommandLine.Model.CommandSpec spec, PackException e) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(e.userMessage());
    err.flush();
    return 1;
  }

  /** {@code docsift models list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the installed packs: name, version, family, weight type, size.")
  static final class ListPacks implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin ModelsDirOption dir;

    @Override
    public Integer call() {
      PackStore store = dir.store();
      PrintWriter out = spec.commandLine().getOut();
      try {
        List<InstalledPack> packs = store.list();
        if (packs.isEmpty()) {
          out.println("No model packs are installed in " + store.root() + ".");
        } else {
          String row = "%-24s %-10s %-9s %-13s %10s%n";
          out.printf(row, "NAME", "VERSION", "FAMILY", "WEIGHTS", "SIZE");
          for (InstalledPack p : packs) {
            PackManifest m = p.manifest();
            if (m == null) {
              out.printf("%-24s (unreadable: %s)%n", p.name(), p.problem());
            } else {
              out.printf(
                  row,
                  p.name(),
                  m.version(),
                  m.family().json(),
                  m.weightType().json(),
                  DownloadProgress.size(p.sizeBytes()));
            }
          }
        }
        out.flush();
        return 0;
      } catch (PackException e) {
        return fail(spec, e);
      }
    }
  }

  /** {@code docsift models install SRC}. */
  @Command(
      name = "install",
      mixinStandardHelpOptions = true,
      description =
          "Installs a pack from a folder, a .zip file, or an https URL of a .zip (resumable;"
              + " end the URL with #sha256=HEX to check the archive). The pack is verified"
              + " before it is installed.")
  static final class InstallPack implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin ModelsDirOption dir;

    @Parameters(paramLabel = "SRC", description = "A pack folder, a .zip file, or a URL.")
    String source;

    @Option(names = "--force", description = "Replace an installed pack of the same name.")
    boolean force;

    @Option(
        names = "--sha256",
        paramLabel = "HEX",
        description = "The expected SHA-256 of the archive (64 hex digits).")
    String sha256;

    @Override
    public Integer call() {
      if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--sha256 must be 64 hex digits, not '" + sha256 + "'.");
      }
      PackStore store = dir.store();
      try {
        ModelPack pack;
        try (DownloadProgress progress =
            DownloadProgress.forTerminal(spec.commandLine().getErr())) {
          pack = store.install(source, new InstallOptions(force, sha256), progress);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(installed(pack));
        out.flush();
        return 0;
      } catch (PackException e) {
        return fail(spec, e);
      }
    }
  }

  /** {@code docsift models verify NAME}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Checks an installed pack: every file present with its SHA-256, graphs matching"
              + " pack.json.")
  static final class VerifyPack implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin ModelsDirOption dir;

    @Parameters(paramLabel = "NAME", description = "The pack's name, as models list shows it.")
    String name;

    @Override
    public Integer call() {
      try {
        List<Problem> problems = dir.store().verify(name);
        if (problems.isEmpty()) {
          spec.commandLine().getOut().println(name + " is intact.");
          spec.commandLine().getOut().flush();
          return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        for (Problem p : problems) {
          err.println(p);
        }
        err.flush();
        return 1;
      } catch (PackException e) {
        return fail(spec, e);
      }
    }
  }

  /** {@code docsift models remove NAME}. */
  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Deletes an installed pack.")
  static final class RemovePack implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin ModelsDirOption dir;

    @Parameters(paramLabel = "NAME", description = "The pack's name, as models list shows it.")
    String name;

    @Override
    public Integer call() {
      try {
        dir.store().remove(name);
        spec.commandLine().getOut().println("Removed " + name + ".");
        spec.commandLine().getOut().flush();
        return 0;
      } catch (PackException e) {
        return fail(spec, e);
      }
    }
  }
}
