package dev.docsift.core.extract;

import java.util.Locale;
import java.util.regex.Pattern;

/** Small text helpers shared by the parsers and the label matcher. */
final class Text {
  private static final Pattern DIGITISH = Pattern.compile("[0-9OoIl|.,:/$€£¥\\-]+");

  private Text() {}

  /**
   * Repairs the letter-for-digit swaps OCR makes inside numbers ({@code 1O.5O} → {@code 10.50},
   * {@code l2:3O} → {@code 12:30}). Only whitespace-separated tokens made of digits, separators and
   * look-alike letters, with at least one real digit, are touched. Each character maps to one
   * character, so offsets into the result are offsets into the input.
   *
   * @param text any text
   * @return the text with look-alike letters inside numbers replaced by digits
   */
  static String fixDigits(String text) {
    StringBuilder out = new StringBuilder(text);
    int i = 0;
    while (i < text.length()) {
      if (Character.isWhitespace(text.charAt(i))) {
        i++;
        continue;
      }
      int j = i;
      while (j < text.length() && !Character.isWhitespace(text.charAt(j))) {
        j++;
      }
      String token = text.substring(i, j);
      if (DIGITISH.matcher(token).matches() && countDigits(token) >= 1) {
        for (int k = i; k < j; k++) {
          char c = text.charAt(k);
          if (c == 'O' || c == 'o') {
            out.setCharAt(k, '0');
          } else if (c == 'I' || c == 'l' || c == '|') {
            out.setCharAt(k, '1');
          }
        }
      }
      i = j;
    }
    return out.toString();
  }

  /** How many ASCII digits the text holds. */
  static int countDigits(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        n++;
      }
    }
    return n;
  }

  /** How many letters the text holds. */
  static int countLetters(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      if (Character.isLetter(text.charAt(i))) {
        n++;
      }
    }
    return n;
  }

  /**
   * Normalises one word for label matching: lower case, punctuation dropped, and digits that OCR
   * reads for letters ({@code T0TAL}, {@code N0}) turned back into letters when the word has
   * letters.
   *
   * @param word a word as OCR read it
   * @return the key; empty when the word is only punctuation
   */
  static String labelKey(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    int bracket = lower.indexOf('(');
    if (bracket >= 2 && countLetters(lower.substring(0, bracket)) >= 2) {
      // "Tax(8.75%):", "Amount(RM)": what the brackets add qualifies the label.
      lower = lower.substring(0, bracket);
    }
    boolean hasLetter = countLetters(lower) > 0;
    StringBuilder out = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (Character.isLetter(c)) {
        out.append(c);
      } else if (Character.isDigit(c)) {
        out.append(hasLetter ? letterFor(c) : c);
      } else if (c == '|' && hasLetter) {
        out.append('l');
      } else if (c == '%' || c == '&' || c == '@') {
        out.append(c);
      }
      // ":", "#", ".", "-", "/", "*", brackets and the rest are noise for labels.
    }
    return out.toString();
  }

  private static char letterFor(char digit) {
    return switch (digit) {
      case '0' -> 'o';
      case '1' -> 'l';
      case '5' -> 's';
      case '8' -> 'b';
      default -> digit;
    };
  }

  /** Strips punctuation OCR leaves around a value ({@code "Acme Ltd,"}, {@code ": INV-1"}). */
  static String trimPunctuation(String text) {
    int s = 0;
    int e = text.length();
    while (s < e && isEdgeNoise(text.charAt(s))) {
      s++;
    }
    while (e > s && isEdgeNoise(text.charAt(e - 1))) {
      e--;
    }
    return text.substring(s, e).strip();
  }

  private static boolean isEdgeNoise(char c) {
    return Character.isWhitespace(c) || ":;,|_*~=".indexOf(c) >= 0;
  }
}
