package dev.docsift.slm.tokenizer;

/**
 * The bytes each token id stands for, which a constraint needs to know what a token would add to
 * the text. Implementations are immutable and thread-safe.
 */
public interface Vocabulary {
  /** The number of token ids, 0 to size - 1. */
  int size();

  /**
   * The UTF-8 bytes a token adds to decoded text (byte-level tokens may hold part of a character).
   *
   * @param id a token id
   * @return the bytes; empty for special and control tokens, which add no text
   */
  byte[] bytes(int id);

  /**
   * Whether a token is special (BOS, EOS, image markers, chat markers): it never appears inside
   * generated JSON.
   *
   * @param id a token id
   * @return true for special tokens
   */
  boolean isSpecial(int id);
}
