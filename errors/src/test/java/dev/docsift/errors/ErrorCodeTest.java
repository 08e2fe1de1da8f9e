package dev.docsift.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Codes users quote are unique and shaped alike. */
class ErrorCodeTest {
  @Test
  void codesAreUniqueAndShapedDsThreeDigits() {
    Set<String> seen = new HashSet<>();
    for (ErrorCode c : ErrorCode.values()) {
      assertThat(c.code()).as(c.name()).matches("DS[1-9][0-9]{2}");
      assertThat(seen.add(c.code())).as("duplicate " + c.code()).isTrue();
    }
  }

  @Test
  void userMessageLeadsWithTheCode() {
    CodedException e = new CodedException(ErrorCode.CORRUPT_PDF, "a.pdf is damaged.", null) {};
    assertThat(e.userMessage()).isEqualTo("DS106 a.pdf is damaged.");
    assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_PDF);
  }

  @Test
  void everyCodeIsDocumentedInTheReadme() throws IOException {
    Path readme = Path.of("..", "README.md");
    Assumptions.assumeTrue(Files.exists(readme), "README.md is beside the module in a checkout");
    List<int[]> ranges = new ArrayList<>();
    Matcher m = Pattern.compile("DS(\\d{3})(?:–DS(\\d{3}))?").matcher(Files.readString(readme));
    while (m.find()) {
      int from = Integer.parseInt(m.group(1));
      ranges.add(new int[] {from, m.group(2) == null ? from : Integer.parseInt(m.group(2))});
    }
    for (ErrorCode c : ErrorCode.values()) {
      int n = Integer.parseInt(c.code().substring(2));
      assertThat(ranges.stream().anyMatch(r -> r[0] <= n && n <= r[1]))
          .as(c.code() + " is in README.md's table of codes")
          .isTrue();
    }
  }
}
