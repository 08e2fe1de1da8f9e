package dev.docsift.app.cli;

import picocli.CommandLine;

/** Reads the version from the jar's manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = DocsiftCommand.class.getPackage().getImplementationVersion();
    return new String[] {"docsift " + (version == null ? "(development build)" : version)};
  }
}
