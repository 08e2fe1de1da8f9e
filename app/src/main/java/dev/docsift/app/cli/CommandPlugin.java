package dev.docsift.app.cli;

/**
 * A {@code docsift} subcommand that lives in a module beside the product, found on the class path
 * with {@link java.util.ServiceLoader} (a {@code META-INF/services} entry naming the
 * implementation): {@code docsift bench}, which a build from source has and the installed package
 * does not.
 */
public interface CommandPlugin {
  /** The subcommand's name, as typed after {@code docsift}. */
  String name();

  /**
   * A new instance of the subcommand, as picocli's {@code addSubcommand} takes it: an object
   * annotated with {@code @Command}, or a {@code CommandLine}.
   */
  Object command();
}
