package dev.docsift.core.slm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.core.extract.DateParser;
import dev.docsift.core.extract.MoneyParser;
import dev.docsift.core.extract.WordRun;
import dev.docsift.core.model.BBox;
import dev.docsift.core.model.Box;
import dev.docsift.core.model.OcrLine;
import dev.docsift.core.model.OcrPage;
import dev.docsift.core.model.OcrWord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds where on the pages a value a model wrote was printed, so that it gets a page and a box:
 * text by its words (case, spacing and commas aside, across up to {@value #MAX_LINES} lines for
 * addresses), amounts by their value however they were printed ({@code 1.234,50 €} for {@code
 * "1234.50"}), ISO dates by the date in any printed form. The first match in reading order wins.
 * Stateless and thread-safe.
 */
final class ValueLocator {
  private static final int MAX_LINES = 4;

  /**
   * Where a value was found.
   *
   * @param page the 1-based page
   * @param bbox the words' box, as fractions of the page
   * @param text the OCR text of those words
   * @param ocrConfidence the words' mean OCR confidence
   */
  record Location(int page, BBox bbox, String text, double ocrConfidence) {}

  private final List<OcrPage> pages;

  ValueLocator(List<OcrPage> pages) {
    this.pages = List.copyOf(pages);
  }

  /**
   * Finds a value.
   *
   * @param value a leaf of the data
   * @return where it was printed, or empty
   */
  Optional<Location> locate(JsonNode value) {
    Objects.requireNonNull(value, "value");
    if (value.isNumber()) {
      return amount(value.decimalValue());
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      return Optional.empty();
    }
    String text = value.asText();
    Optional<Location> found = words(text);
    if (found.isEmpty() && text.matches("-?\\d+(\\.\\d+)?")) {
      found = amount(new BigDecimal(text));
    }
    if (found.isEmpty() && text.matches("\\d{4}-\\d{2}-\\d{2}")) {
      try {
        found = date(LocalDate.parse(text));
      } catch (DateTimeParseException e) {
        // not a calendar date: nothing more to try
      }
    }
    return found;
  }

  private Optional<Location> words(String value) {
    String wanted = normalize(value);
    if (wanted.isEmpty()) {
      return Optional.empty();
    }
    for (OcrPage page : pages) {
      List<OcrLine> lines = page.lines();
      for (int span = 1; span <= MAX_LINES; span++) {
        for (int first = 0; first + span <= lines.size(); first++) {
          List<OcrWord> words = new ArrayList<>();
          for (int k = first; k < first + span; k++) {
            words.addAll(lines.get(k).words());
          }
          Optional<Location> hit = match(page, WordRun.of(words), wanted);
          if (hit.isPresent()) {
            return hit;
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Finds {@code wanted} (normalised) in a run of words, mapping the normalised match back to the
   * words it came from.
   */
  private static Optional<Location> match(OcrPage page, WordRun run, String wanted) {
    StringBuilder norm = new StringBuilder();
    List<Integer> origin = new ArrayList<>(); // for each normalised char, its index in run.text
    boolean space = true;
    String text = run.text();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == ',') {
        if (!space) {
          norm.append(' ');
          origin.add(i);
          space = true;
        }
      } else {
        norm.append(Character.toLowerCase(c));
        origin.add(i);
        space = false;
      }
    }
    int at = norm.indexOf(wanted);
    if (at < 0) {
      return Optional.empty();
    }
    int from = origin.get(at);
    int to = origin.get(at + wanted.length() - 1) + 1;
    return located(page, run.wordsBetween(from, to));
  }

  private Optional<Location> amount(BigDecimal wanted) {
    for (OcrPage page : pages) {
      for (OcrLine line : page.lines()) {
        WordRun run = WordRun.of(line.words());
        for (MoneyParser.Money m : MoneyParser.findAll(run.text())) {
          if (m.amount().compareTo(wanted) == 0) {
            return located(page, run.wordsBetween(m.start(), m.end()));
          }
        }
      }
    }
    return Optional.empty();
  }

  private Optional<Location> date(LocalDate wanted) {
    for (OcrPage page : pages) {
      for (OcrLine line : page.lines()) {
        WordRun run = WordRun.of(line.words());
        for (DateParser.DayOrder order : DateParser.DayOrder.values()) {
          for (DateParser.Found f : DateParser.findAll(run.text(), order)) {
            if (f.date().equals(wanted)) {
              return located(page, run.wordsBetween(f.start(), f.end()));
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Location> located(OcrPage page, List<OcrWord> words) {
    if (words.isEmpty()) {
      return Optional.empty();
    }
    Box box = words.get(0).box();
    double confidence = 0;
    StringBuilder text = new StringBuilder();
    for (OcrWord w : words) {
      box = box.union(w.box());
      confidence += w.confidence();
      if (!text.isEmpty()) {
        text.append(' ');
      }
      text.append(w.text());
    }
    return Optional.of(
        new Location(
            page.number(), page.normalize(box), text.toString(), confidence / words.size()));
  }

  /** Lower case, commas and runs of white space as one space, trimmed. */
  static String normalize(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[\\s,]+", " ").strip();
  }
}
