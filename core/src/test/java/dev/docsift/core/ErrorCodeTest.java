package dev.docsift.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.slm.decoder.DecoderException;
import dev.docsift.slm.pack.PackException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engines' coded failures keep their codes when they reach the user: none becomes DS999. */
class ErrorCodeTest {
  @Test
  void everyPackAndDecoderReasonHasItsOwnCode() {
    for (PackException.Reason r : PackException.Reason.values()) {
      assertThat(ErrorCode.ofCode(r.code())).as(r.name()).isNotEqualTo(ErrorCode.INTERNAL);
    }
    for (DecoderException.Reason r : DecoderException.Reason.values()) {
      assertThat(ErrorCode.ofCode(r.code())).as(r.name()).isNotEqualTo(ErrorCode.INTERNAL);
    }
  }

  @Test
  void codesAreUnique() {
    Set<String> seen = new HashSet<>();
    assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code)).allMatch(seen::add);
  }
}
