package dev.docsift.core.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An installed app's launcher cannot set environment variables: docsift sets OpenMP's limit in its
 * own C environment. Checked in a child JVM started without the variable (this JVM has it, from the
 * build).
 */
class OpenMpThreadsTest {
  /** The child: prints the variable as the C library sees it before and after. */
  public static final class Probe {
    public static void main(String[] args) {
      System.out.println("before=" + OpenMpThreads.current());
      OpenMpThreads.limitToOne();
      System.out.println("after=" + OpenMpThreads.current());
    }
  }

  private static String run(String value) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Probe.class.getName())
            .redirectErrorStream(true);
    pb.environment().remove(OpenMpThreads.VARIABLE);
    if (value != null) {
      pb.environment().put(OpenMpThreads.VARIABLE, value);
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void theLimitIsSetInProcessWhenTheEnvironmentLacksIt() throws Exception {
    assertThat(run(null).lines().toList()).containsSubsequence(List.of("before=null", "after=1"));
  }

  @Test
  void aValueTheUserSetIsLeftAlone() throws Exception {
    assertThat(run("2").lines().toList()).containsSubsequence(List.of("before=2", "after=2"));
  }
}
