package dev.docsift.app.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.docsift.schemas.FieldSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * Converts between JSON values and the text a person edits. Parsing never refuses: text that is not
 * of the field's type stays text, and the schema's validation says what is wrong with it.
 */
public final class ValueText {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private ValueText() {}

  /**
   * The text shown for a value.
   *
   * @param value a value, or a missing or null node
   * @return the text; empty for missing and null
   */
  public static String display(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return "";
    }
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isBigDecimal()) {
      return value.decimalValue().toPlainString();
    }
    if (value.isArray()) {
      StringBuilder out = new StringBuilder();
      for (JsonNode v : value) {
        if (!out.isEmpty()) {
          out.append("; ");
        }
        out.append(display(v));
      }
      return out.toString();
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  /**
   * The value for edited text.
   *
   * @param spec the field
   * @param text what was typed
   * @return the value; empty when the text is blank and the property should go (a required,
   *     nullable field gets {@code null} instead)
   */
  public static Optional<JsonNode> parse(FieldSpec spec, String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      return spec.required() && spec.nullable() ? Optional.of(NODES.nullNode()) : Optional.empty();
    }
    if (spec.types().contains("array")) {
      ArrayNode array = NODES.arrayNode();
      for (String part : t.split(";")) {
        if (!part.isBlank()) {
          array.add(part.strip());
        }
      }
      return Optional.of(array);
    }
    if (spec.numeric()) {
      try {
        BigDecimal number = new BigDecimal(t.replace(" ", ""));
        BigDecimal whole = number.stripTrailingZeros();
        if (whole.scale() <= 0 && (spec.integer() || number.scale() == 0)) {
          return Optional.of(integer(whole));
        }
        return Optional.of(NODES.numberNode(number));
      } catch (NumberFormatException | ArithmeticException e) {
        return Optional.of(NODES.textNode(t));
      }
    }
    if (spec.types().contains("boolean") && !spec.types().contains("string")) {
      if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
        return Optional.of(NODES.booleanNode(Boolean.parseBoolean(t.toLowerCase(Locale.ROOT))));
      }
    }
    return Optional.of(NODES.textNode(t));
  }

  /** The smallest integer node that holds the number, as Jackson itself reads JSON. */
  private static JsonNode integer(BigDecimal whole) {
    BigInteger n = whole.toBigIntegerExact();
    if (n.bitLength() < 32) {
      return NODES.numberNode(n.intValue());
    }
    if (n.bitLength() < 64) {
      return NODES.numberNode(n.longValue());
    }
    return NODES.numberNode(n);
  }
}
