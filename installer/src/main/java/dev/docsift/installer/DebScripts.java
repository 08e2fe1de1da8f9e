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
 * the {@code case} label they belong to.
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
        template,
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
        template,
        "remove|upgrade|deconfigure)",
        List.of(
            "        if [ \"$(readlink " + link + " 2>/dev/null)\" = " + launcher + " ]; then",
            "            rm -f " + link,
            "        fi"));
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
