package dev.docsift.slm.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * GPT-2's byte-level alphabet: every byte is shown as a printable character in token strings (space
 * is {@code Ġ}, newline {@code Ċ}); this maps those characters back to bytes.
 */
final class ByteLevel {

  /** Character (as a code point below 324) to byte, or -1. */
  private static final int[] CHAR_TO_BYTE = new int[324];

  static {
    java.util.Arrays.fill(CHAR_TO_BYTE, -1);
    int extra = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable =
          (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      int c = printable ? b : 256 + extra++;
      CHAR_TO_BYTE[c] = b;
    }
  }

  private ByteLevel() {}

  /**
   * The bytes a byte-level token string stands for. A character outside the alphabet (only possible
   * in hand-written added tokens) is kept as its own UTF-8.
   */
  static byte[] toBytes(String token) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(token.length());
    token
        .codePoints()
        .forEach(
            cp -> {
              int b = cp < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[cp] : -1;
              if (b >= 0) {
                out.write(b);
              } else {
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
              }
            });
    return out.toByteArray();
  }
}
