package dev.docsift.slm.tokenizer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns generated token ids into text as they come, one piece per token, never splitting a
 * multi-byte UTF-8 character: byte-level tokens may end in the middle of one (a {@code €} can take
 * three tokens), so incomplete trailing bytes are held back until the character completes.
 *
 * <p>The concatenation of every piece plus {@link #flush()} equals the UTF-8 decoding of all
 * tokens' bytes. Not thread-safe: one instance per generation.
 */
public final class StreamingDetokenizer {

  private final Vocabulary vocabulary;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private byte[] pending = new byte[16];
  private int length;

  /**
   * Creates a detokenizer over a vocabulary's byte table.
   *
   * @param vocabulary the bytes of each token
   */
  public StreamingDetokenizer(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  /**
   * Adds one token and returns the text it completes.
   *
   * @param tokenId the next generated token
   * @return the newly complete text, possibly empty (special tokens, or a partial character)
   */
  public String push(int tokenId) {
    byte[] b = vocabulary.bytes(tokenId);
    if (b.length == 0) {
      return "";
    }
    if (length + b.length > pending.length) {
      pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + b.length));
    }
    System.arraycopy(b, 0, pending, length, b.length);
    length += b.length;
    int complete = completePrefix(pending, length);
    return take(complete);
  }

  /**
   * Returns whatever is still held back (an unfinished character becomes U+FFFD) and resets.
   *
   * @return the remaining text, usually empty
   */
  public String flush() {
    return take(length);
  }

  /** Whether bytes of an unfinished character are held back. */
  public boolean hasPending() {
    return length > 0;
  }

  private String take(int n) {
    if (n == 0) {
      return "";
    }
    String s;
    try {
      decoder.reset();
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(pending, 0, n));
      s = chars.toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("unreachable with REPLACE", e);
    }
    System.arraycopy(pending, n, pending, 0, length - n);
    length -= n;
    return s;
  }

  /**
   * The length of the longest prefix that does not end inside a multi-byte character: looks back at
   * most four bytes for a lead byte whose sequence is not yet complete.
   */
  static int completePrefix(byte[] buf, int len) {
    for (int k = 1; k <= Math.min(4, len); k++) {
      int b = buf[len - k] & 0xFF;
      if ((b & 0xC0) == 0x80) {
        continue; // continuation byte: the lead is further back
      }
      int need = b >= 0xF8 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
      return need > k ? len - k : len;
    }
    return len; // only stray continuation bytes: nothing will complete them
  }
}
