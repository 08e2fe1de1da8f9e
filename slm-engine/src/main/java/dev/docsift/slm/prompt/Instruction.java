package dev.docsift.slm.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.schemas.DocumentSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the instruction for a schema: an explicit imperative (small vision-language models
 * describe the image instead of transcribing it without one), then one line per field with its type
 * and the schema's description, nested fields indented.
 *
 * <p>The schema constraint guarantees the JSON's shape; the instruction tells the model what each
 * field means, which the constraint cannot. Stateless.
 */
public final class Instruction {
  private static final int MAX_DEPTH = 8;

  private Instruction() {}

  /**
   * Writes the instruction for a schema.
   *
   * @param schema the target schema
   * @return the instruction text
   */
  public static String forSchema(DocumentSchema schema) {
    JsonNode root = schema.json();
    StringBuilder text = new StringBuilder();
    text.append("Extract the data of this ")
        .append(schema.title().toLowerCase(java.util.Locale.ROOT))
        .append(" as one JSON object. Copy values exactly as printed; leave out a field the")
        .append(" document does not show. Fields:\n");
    fields(root, root, 0, text);
    return text.toString().stripTrailing();
  }

  private static void fields(JsonNode root, JsonNode object, int depth, StringBuilder out) {
    JsonNode props = resolve(root, object).path("properties");
    for (var it = props.fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode s = resolve(root, e.getValue());
      out.append("  ".repeat(depth)).append("- ").append(e.getKey()).append(": ");
      out.append(type(root, s));
      String description = s.path("description").asText("");
      if (!description.isBlank()) {
        out.append(". ").append(description.strip());
      }
      out.append('\n');
      if (depth < MAX_DEPTH) {
        JsonNode nested = objectSchema(root, s);
        if (nested != null) {
          fields(root, nested, depth + 1, out);
        }
      }
    }
  }

  /** The object schema whose fields a value holds: itself, or its array's items. */
  private static JsonNode objectSchema(JsonNode root, JsonNode s) {
    for (JsonNode option : options(root, s)) {
      if (option.has("properties")) {
        return option;
      }
      JsonNode items = resolve(root, option.path("items"));
      if (items.has("properties")) {
        return items;
      }
    }
    return null;
  }

  private static String type(JsonNode root, JsonNode s) {
    List<String> names = new ArrayList<>();
    boolean nullable = false;
    for (JsonNode option : options(root, s)) {
      for (String t : types(option)) {
        if (t.equals("null")) {
          nullable = true;
        } else {
          names.add(describe(root, option, t));
        }
      }
    }
    if (names.isEmpty()) {
      names.add(s.has("enum") ? enumText(s) : "any value");
    }
    return String.join(" or ", names.stream().distinct().toList()) + (nullable ? " or null" : "");
  }

  private static String describe(JsonNode root, JsonNode s, String type) {
    if (s.has("enum")) {
      return enumText(s);
    }
    return switch (type) {
      case "string" ->
          switch (s.path("format").asText("")) {
            case "date" -> "date YYYY-MM-DD";
            case "date-time" -> "date-time";
            case "time" -> "time HH:MM:SS";
            default -> "text";
          };
      case "array" -> {
        JsonNode items = resolve(root, s.path("items"));
        yield items.has("properties") ? "list of objects" : "list of " + type(root, items);
      }
      case "object" -> "object";
      default -> type;
    };
  }

  private static String enumText(JsonNode s) {
    List<String> values = new ArrayList<>();
    s.get("enum").forEach(v -> values.add(v.toString()));
    return "one of " + String.join(", ", values);
  }

  private static List<String> types(JsonNode s) {
    JsonNode t = s.path("type");
    List<String> out = new ArrayList<>();
    if (t.isArray()) {
      t.forEach(v -> out.add(v.asText()));
    } else if (t.isTextual()) {
      out.add(t.asText());
    } else if (s.has("properties")) {
      out.add("object");
    }
    return out;
  }

  /** The alternatives of a schema: its anyOf / oneOf branches, or itself. */
  private static List<JsonNode> options(JsonNode root, JsonNode s) {
    List<JsonNode> out = new ArrayList<>();
    for (String key : List.of("anyOf", "oneOf")) {
      if (s.has(key)) {
        s.get(key).forEach(o -> out.add(resolve(root, o)));
      }
    }
    if (out.isEmpty()) {
      out.add(s);
    }
    return out;
  }

  /** Follows a local {@code $ref} ({@code #/$defs/...}); anything else is returned as it is. */
  private static JsonNode resolve(JsonNode root, JsonNode s) {
    for (int hops = 0; hops < MAX_DEPTH && s.has("$ref"); hops++) {
      String ref = s.get("$ref").asText();
      if (!ref.startsWith("#")) {
        return s;
      }
      s = root.at(ref.substring(1));
    }
    return s;
  }
}
