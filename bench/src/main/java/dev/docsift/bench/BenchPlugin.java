package dev.docsift.bench;

import dev.docsift.app.cli.CommandPlugin;

/** Adds {@code docsift bench} to the command line (see {@code META-INF/services}). */
public final class BenchPlugin implements CommandPlugin {
  @Override
  public String name() {
    return "bench";
  }

  @Override
  public Object command() {
    return new BenchCommand();
  }
}
