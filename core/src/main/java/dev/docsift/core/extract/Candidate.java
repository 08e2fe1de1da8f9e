package dev.docsift.core.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.docsift.core.model.BBox;
import dev.docsift.core.model.Box;
import dev.docsift.core.model.FieldValue;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import java.util.ArrayList;
import java.util.List;

/**
 * A value read for a field, with the words it came from.
 *
 * @param value the value as it would be written in {@code data}
 * @param words the words it was read from, never empty
 * @param page the page they are on
 * @param confidence OCR confidence times the penalties for fuzzy labels and doubt, 0 to 1
 * @param source the raw OCR text it came from
 */
record Candidate(
    JsonNode value, List<OcrWord> words, OcrPage page, double confidence, String source) {
  /** Validates and copies. */
  Candidate {
    words = List.copyOf(words);
    if (words.isEmpty()) {
      throw new IllegalArgumentException("a value comes from at least one word");
    }
    confidence = Math.max(0, Math.min(1, confidence));
  }

  /**
   * Builds a candidate whose confidence is the words' mean OCR confidence times a factor.
   *
   * @param value the value
   * @param words its words
   * @param page their page
   * @param factor the penalty, 0 to 1
   * @return the candidate; its source is the words joined by spaces
   */
  static Candidate of(JsonNode value, List<OcrWord> words, OcrPage page, double factor) {
    return new Candidate(value, words, page, meanConfidence(words) * factor, join(words));
  }

  /** The same words and page with another value. */
  Candidate withValue(JsonNode v) {
    return new Candidate(v, words, page, confidence, source);
  }

  /**
   * A value read over more words than this one's, on its page and at its confidence: an address
   * continued on the lines below, a name begun on the line above.
   *
   * @param text the whole value
   * @param allWords the words it now comes from, in reading order
   */
  Candidate extended(String text, List<OcrWord> allWords) {
    return new Candidate(TextNode.valueOf(text), allWords, page, confidence, join(allWords));
  }

  /** The same candidate with its confidence multiplied. */
  Candidate scaled(double factor) {
    return new Candidate(value, words, page, confidence * factor, source);
  }

  /** The box around the words. */
  Box box() {
    Box b = words.get(0).box();
    for (OcrWord w : words) {
      b = b.union(w.box());
    }
    return b;
  }

  /** The provenance of this value written at a pointer. */
  FieldValue toField(String pointer, JsonNode written) {
    BBox bbox = page.normalize(box());
    return new FieldValue(pointer, written, page.number(), bbox, confidence, source);
  }

  /** The mean confidence of words, OCR's 0..100 scale taken as a percentage. */
  static double meanConfidence(List<OcrWord> words) {
    double sum = 0;
    for (OcrWord w : words) {
      double c = w.confidence() > 1 ? w.confidence() / 100 : w.confidence();
      sum += Math.max(0, Math.min(1, c));
    }
    return words.isEmpty() ? 0 : sum / words.size();
  }

  /** The words joined by spaces. */
  static String join(List<OcrWord> words) {
    List<String> parts = new ArrayList<>();
    words.forEach(w -> parts.add(w.text()));
    return String.join(" ", parts);
  }
}
