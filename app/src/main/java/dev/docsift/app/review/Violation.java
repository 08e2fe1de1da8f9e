package dev.docsift.app.review;

import dev.docsift.schemas.FieldSpec;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One way a document's data breaks its schema, tied to the value at fault.
 *
 * @param pointer the JSON Pointer of the value at fault (for a missing required property, where it
 *     belongs); empty for the document as a whole
 * @param message the validator's sentence, without the location
 */
public record Violation(String pointer, String message) {
  // The validator writes "<instance location as a JSON Pointer>: <message>"; the root is "".
  private static final Pattern LOCATED = Pattern.compile("(?s)((?:/[^:]*)?): (.*)");
  private static final Pattern REQUIRED = Pattern.compile("required property '([^']+)' not found");

  /** Validates. */
  public Violation {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  /**
   * Reads the validator's sentences.
   *
   * @param messages what {@link dev.docsift.schemas.DocumentSchema#validate} returned
   * @return one violation per sentence, in order
   */
  public static List<Violation> parse(List<String> messages) {
    return messages.stream().map(Violation::parse).toList();
  }

  /**
   * Reads one of the validator's sentences.
   *
   * @param text such as {@code /total: does not match the regex pattern ...}
   * @return the violation
   */
  public static Violation parse(String text) {
    Matcher m = LOCATED.matcher(text);
    if (!m.matches()) {
      return new Violation("", text);
    }
    String location = m.group(1);
    String message = m.group(2);
    Matcher required = REQUIRED.matcher(message);
    if (required.matches()) {
      return new Violation(location + "/" + escape(required.group(1)), "is required");
    }
    return new Violation(location, message);
  }

  /**
   * The sentence to show next to a field: plain words for the shipped kinds of value, the
   * validator's words otherwise.
   *
   * @param spec the field at fault
   * @return such as {@code must be an amount with two decimals, such as 12.50}
   */
  public String describe(FieldSpec spec) {
    if (message.contains("found,") && message.endsWith("expected")) {
      String expected = message.substring(message.lastIndexOf(',') + 2, message.length() - 9);
      return switch (expected) {
        case "number", "integer" ->
            "must be a " + (expected.equals("integer") ? "whole " : "") + "number";
        default -> "must be " + article(expected) + " " + expected;
      };
    }
    if (message.startsWith("does not match")) {
      return switch (spec.kind()) {
        case MONEY -> "must be an amount with two decimals, such as 12.50";
        case DATE -> "must be a date written YYYY-MM-DD, such as 2024-03-15";
        case TIME -> "must be a time written HH:MM or HH:MM:SS, such as 14:05";
        case CURRENCY -> "must be a three-letter currency code, such as EUR";
        default -> message;
      };
    }
    return message;
  }

  private static String article(String word) {
    return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
