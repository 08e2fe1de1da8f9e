package dev.docsift.slm.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamingDetokenizerTest {

  /** A vocabulary where token i is the single byte i, the worst case for splitting. */
  private static final Vocabulary BYTES =
      new Vocabulary() {
        @Override
        public int size() {
          return 257;
        }

        @Override
        public byte[] bytes(int id) {
          return id == 256 ? new byte[0] : new byte[] {(byte) id};
        }

        @Override
        public boolean isSpecial(int id) {
          return id == 256;
        }
      };

  @Test
  void singleByteTokensBuildWholeCharacters() {
    String text = "aé€日本🧾z";
    StreamingDetokenizer d = new StreamingDetokenizer(BYTES);
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      String piece = d.push(b & 0xFF);
      assertThat(piece).doesNotContain("\uFFFD");
      out.append(piece);
      out.append(d.push(256)); // a special token in between adds nothing and breaks nothing
    }
    assertThat(d.hasPending()).isFalse();
    assertThat(out.append(d.flush()).toString()).isEqualTo(text);
  }

  @Test
  void flushReplacesAnUnfinishedCharacter() {
    StreamingDetokenizer d = new StreamingDetokenizer(BYTES);
    assertThat(d.push('x')).isEqualTo("x");
    assertThat(d.push(0xE2)).isEmpty();
    assertThat(d.push(0x82)).isEmpty();
    assertThat(d.hasPending()).isTrue();
    assertThat(d.flush()).isEqualTo("\uFFFD");
    assertThat(d.hasPending()).isFalse();
  }

  @Test
  void invalidBytesDoNotStall() {
    StreamingDetokenizer d = new StreamingDetokenizer(BYTES);
    assertThat(d.push(0xFF)).isEqualTo("\uFFFD");
    assertThat(d.push(0x80)).isEqualTo("\uFFFD");
    assertThat(d.push('a')).isEqualTo("a");
  }
}
