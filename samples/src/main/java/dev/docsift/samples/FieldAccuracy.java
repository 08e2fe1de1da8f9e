package dev.docsift.samples;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares extracted data with the true JSON of generated samples, field by field. Every leaf of
 * the truth counts once; array items are compared by position and tallied under one path with
 * {@code *} for the index. Text is compared ignoring case, spaces and punctuation (OCR of a name is
 * right when its letters and digits are); numbers by value; everything else exactly.
 *
 * <p>Not thread-safe: one instance per tally.
 */
public final class FieldAccuracy {
  /**
   * Counts for one field.
   *
   * @param correct values equal to the truth
   * @param total values in the truth
   */
  public record Tally(int correct, int total) {
    /** The share of correct values, 0 to 1; 1 when there were none. */
    public double rate() {
      return total == 0 ? 1 : (double) correct / total;
    }
  }

  private final Map<String, int[]> counts = new TreeMap<>();

  /**
   * Adds one document.
   *
   * @param truth the true data
   * @param data what was extracted
   */
  public void add(JsonNode truth, JsonNode data) {
    walk("", truth, data);
  }

  private void walk(String path, JsonNode truth, JsonNode data) {
    if (truth.isObject()) {
      truth
          .fields()
          .forEachRemaining(
              e -> walk(path + "/" + e.getKey(), e.getValue(), data.path(e.getKey())));
    } else if (truth.isArray()) {
      for (int i = 0; i < truth.size(); i++) {
        walk(path + "/*", truth.get(i), data.path(i));
      }
    } else {
      int[] c = counts.computeIfAbsent(path, k -> new int[2]);
      c[1]++;
      if (same(truth, data)) {
        c[0]++;
      }
    }
  }

  /** Whether an extracted leaf equals the true one under this class's rules. */
  static boolean same(JsonNode truth, JsonNode data) {
    if (data == null || data.isMissingNode()) {
      return false;
    }
    if (truth.isNumber() && data.isNumber()) {
      return truth.decimalValue().compareTo(data.decimalValue()) == 0;
    }
    if (truth.isTextual() && data.isTextual()) {
      return normalize(truth.asText()).equals(normalize(data.asText()));
    }
    return truth.equals(data);
  }

  private static String normalize(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}.]", "");
  }

  /** Counts per field path, sorted. */
  public Map<String, Tally> perField() {
    Map<String, Tally> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, new Tally(v[0], v[1])));
    return out;
  }

  /** Counts over all fields. */
  public Tally overall() {
    int correct = 0;
    int total = 0;
    for (int[] c : counts.values()) {
      correct += c[0];
      total += c[1];
    }
    return new Tally(correct, total);
  }
}
