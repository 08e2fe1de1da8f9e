package dev.docsift.slm.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ONNX Runtime's environment creation recurses in proportion to the process's command line; on a
 * default 1 MB thread stack a command line of a few thousand characters killed the JVM (SIGSEGV,
 * exit 139). A child JVM with a 40,000-character command line creates the environment on its main
 * thread through {@link OrtRuntime#environment()} and must exit normally.
 */
class LongCommandLineTest {

  /** The child's entry point: creates the environment and says so. */
  public static final class Probe {
    public static void main(String[] args) {
      System.out.println("environment " + (OrtRuntime.environment() != null) + " " + args.length);
    }
  }

  @Test
  void environmentSurvivesALongCommandLine() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xss1m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Probe.class.getName());
    String padding = "/documents/scans/2026/invoice-with-a-long-file-name-0000.pdf";
    for (int i = 0; i < 40_000 / padding.length(); i++) {
      command.add(padding);
    }
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean ended = child.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      child.destroyForcibly();
    }
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ended).as("child ended").isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output).contains("environment true");
  }
}
