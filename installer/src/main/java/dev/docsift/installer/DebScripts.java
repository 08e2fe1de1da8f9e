package dev.docsift.installer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The .deb's maintainer scripts: jpackage's own, plus {@code /usr/bin/docsift} so that {@code
 * docsift extract ...} runs from any shell.
 *
 * <p>jpackage takes a {@code postinst} or {@code prerm} from {@code --resource-dir} as a template
 * in place of its own, with the same placeholders (desktop menu and MIME registration go where they
 * stand). Their names differ between JDK releases, so the templates are not copied into the
 * repository: they are read from the running JDK's jpackage (through the {@code jrt:} file system,
 * which reads a module's resources whether or not it opens them) and the link's lines added after
 * the {@code case} label they belong to. jpackage's desktop commands become best effort, so that a
 * machine without a desktop can still install and remove the package.
 */
final class DebScripts {
  private static final String TEMPLATES = "/modules/jdk.jpackage/jdk/jpackage/internal/resources/";

  private DebScripts() {}

  /**
   * Writes {@code postinst} and {@code prerm} into a jpackage resource folder.
   *
   * @param resources the folder given to jpackage's {@code --resource-dir}
   * @param launcher the installed launcher, {@code /opt/docsift/bin/docsift}
   * @param link where the command goes on PATH, {@code /usr/bin/docsift}
   * @throws IOException when the JDK's templates cannot be read or the scripts written
   */
  static void write(Path resources, String launcher, String link) throws IOException {
    FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
    String postinst = Files.readString(jrt.getPath(TEMPLATES + "template.postinst"));
    String prerm = Files.readString(jrt.getPath(TEMPLATES + "template.prerm"));
    Files.writeString(resources.resolve("postinst"), postinst(postinst, launcher, link));
    Files.writeString(resources.resolve("prerm"), prerm(prerm, launcher, link));
  }

  /**
   * jpackage's postinst with the link made on {@code configure}. A file at the link's place that is
   * not a link (someone else's {@code docsift}) is left alone.
   */
  static String postinst(String template, String launcher, String link) {
    return insertAfter(
        bestEffort(template, "DESKTOP_COMMANDS_INSTALL"),
        "configure)",
        List.of(
            "        # docsift on PATH for the command line.",
            "        if [ ! -e " + link + " ] || [ -L " + link + " ]; then",
            "            ln -sf " + launcher + " " + link,
            "        fi"));
  }

  /** jpackage's prerm with the link removed, when it is still docsift's, on remove and upgrade. */
  static String prerm(String template, String launcher, String link) {
    return insertAfter(
        bestEffort(template, "DESKTOP_COMMANDS_UNINSTALL"),
        "remove|upgrade|deconfigure)",
        List.of(
            "        if [ \"$(readlink " + link + " 2>/dev/null)\" = " + launcher + " ]; then",
            "            rm -f " + link,
            "        fi"));
  }

  /**
   * jpackage's desktop commands (xdg-desktop-menu, xdg-mime) made best effort. They fail on a
   * machine without a desktop's menu folders (a server, a container: "No writable system menu
   * directory found"), and under the scripts' {@code set -e} that failure would leave the package
   * impossible to install or to remove. In a subshell on the left of {@code ||}, {@code set -e} is
   * off: each command runs and says what it could not do, and the command line is installed anyway.
   * The {@code :} keeps the subshell valid when the placeholder expands to nothing.
   */
  static String bestEffort(String template, String placeholder) {
    List<String> out = new ArrayList<>();
    boolean found = false;
    for (String line : template.split("\n", -1)) {
      if (line.trim().equals(placeholder)) {
        out.add(
            "        # Desktop integration is best effort: without a desktop, the command line works.");
        out.add("        (");
        out.add("        :");
        out.add(line);
        out.add("        ) || true");
        found = true;
      } else {
        out.add(line);
      }
    }
    if (!found) {
      throw new IllegalStateException(
          "This JDK's jpackage template has no "
              + placeholder
              + " line, so docsift cannot make its desktop commands best effort: see DebScripts.");
    }
    return String.join("\n", out);
  }

  private static String insertAfter(String template, String label, List<String> lines) {
    List<String> out = new ArrayList<>();
    boolean found = false;
    for (String line : template.split("\n", -1)) {
      out.add(line);
      if (!found && line.trim().equals(label)) {
        out.addAll(lines);
        found = true;
      }
    }
    if (!found) {
      throw new IllegalStateException(
          "This JDK's jpackage template has no '"
              + label
              + "' case, so docsift cannot add its link to it: see DebScripts.");
    }
    return String.join("\n", out);
  }
}
