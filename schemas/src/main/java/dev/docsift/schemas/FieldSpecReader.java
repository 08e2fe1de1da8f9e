package dev.docsift.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.errors.ErrorCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the fields of a schema and their {@code x-docsift} hints. Local {@code $ref}s ({@code
 * #/$defs/...}) are followed; a hint beside a {@code $ref} wins over the hint of its target.
 */
final class FieldSpecReader {
  private static final int MAX_DEPTH = 16;

  private final JsonNode root;

  FieldSpecReader(JsonNode root) {
    this.root = root;
  }

  /** Reads the top-level properties of the root object. */
  List<FieldSpec> read() throws SchemaException {
    JsonNode resolved = resolve(root, 0);
    if (!resolved.path("properties").isObject()) {
      throw new SchemaException(
          ErrorCode.SCHEMA_INVALID,
          "The schema has no top-level \"properties\": docsift extracts objects.",
          null);
    }
    return readProperties(resolved, "", "", 0);
  }

  private List<FieldSpec> readProperties(
      JsonNode objectSchema, String prefix, String conceptPrefix, int depth)
      throws SchemaException {
    Set<String> required = new HashSet<>();
    objectSchema.path("required").forEach(r -> required.add(r.asText()));
    List<FieldSpec> fields = new ArrayList<>();
    var names = objectSchema.path("properties").fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      JsonNode declared = objectSchema.path("properties").path(name);
      fields.add(
          readField(
              name,
              prefix + "/" + escape(name),
              conceptPrefix,
              declared,
              required.contains(name),
              depth));
    }
    return fields;
  }

  private FieldSpec readField(
      String name,
      String pointer,
      String conceptPrefix,
      JsonNode declared,
      boolean required,
      int depth)
      throws SchemaException {
    if (depth > MAX_DEPTH) {
      throw new SchemaException(
          ErrorCode.SCHEMA_INVALID, "The schema nests deeper than " + MAX_DEPTH + " levels.", null);
    }
    JsonNode target = resolve(declared, 0);
    JsonNode hints =
        declared.has(SchemaValidator.HINTS_KEYWORD)
            ? declared.get(SchemaValidator.HINTS_KEYWORD)
            : target.path(SchemaValidator.HINTS_KEYWORD);
    Set<String> types = types(target);
    ValueKind kind = kind(hints, target, types, name);
    List<FieldSpec> children = List.of();
    if (types.contains("object")) {
      String inner = kind == ValueKind.PARTY ? "party." : conceptPrefix;
      children = readProperties(target, pointer, inner, depth + 1);
    } else if (types.contains("array")) {
      JsonNode items = resolve(target.path("items"), 0);
      if (types(items).contains("object")) {
        children = readProperties(items, "", "item.", depth + 1);
      }
    }
    Region region =
        hints.has("region")
            ? Region.parse(hints.get("region").asText())
                .orElseThrow(() -> invalid(pointer, "region", hints.get("region").asText()))
            : Region.ANY;
    List<String> labels = new ArrayList<>();
    hints.path("labels").forEach(l -> labels.add(l.asText().toLowerCase(Locale.ROOT).strip()));
    if (labels.isEmpty() && region == Region.ANY && kind != ValueKind.TABLE) {
      labels.add(name.replace('_', ' ').toLowerCase(Locale.ROOT));
    }
    // Every shipped language's words for the concept, unless the schema turns them off.
    if (hints.path("vocabulary").asBoolean(true)) {
      String concept = conceptPrefix + hints.path("concept").asText(name).toLowerCase(Locale.ROOT);
      for (String l : Vocabulary.shipped().labels(concept)) {
        if (!labels.contains(l)) {
          labels.add(l);
        }
      }
    }
    labels.sort(Comparator.comparingInt(String::length).reversed());
    return new FieldSpec(
        name,
        pointer,
        kind,
        region,
        types,
        labels,
        required,
        children,
        target.path("maxLength").asInt(-1),
        target.path("maxItems").asInt(-1));
  }

  private ValueKind kind(JsonNode hints, JsonNode target, Set<String> types, String name)
      throws SchemaException {
    if (hints.has("kind")) {
      String text = hints.get("kind").asText();
      return ValueKind.parse(text).orElseThrow(() -> invalid(name, "kind", text));
    }
    if (types.contains("array")) {
      return ValueKind.TABLE;
    }
    if (types.contains("object")) {
      return ValueKind.GROUP;
    }
    if (types.contains("number") || types.contains("integer")) {
      return ValueKind.NUMBER;
    }
    return switch (target.path("format").asText("")) {
      case "date" -> ValueKind.DATE;
      case "time" -> ValueKind.TIME;
      default -> ValueKind.TEXT;
    };
  }

  private static Set<String> types(JsonNode schema) {
    Set<String> types = new LinkedHashSet<>();
    JsonNode type = schema.path("type");
    if (type.isTextual()) {
      types.add(type.asText());
    } else if (type.isArray()) {
      type.forEach(t -> types.add(t.asText()));
    } else if (schema.has("properties")) {
      types.add("object");
    } else if (schema.has("items")) {
      types.add("array");
    } else {
      types.add("string");
    }
    // anyOf/oneOf of a type and null, the other common way to say "nullable".
    for (String combinator : List.of("anyOf", "oneOf")) {
      for (JsonNode alternative : schema.path(combinator)) {
        if ("null".equals(alternative.path("type").asText())) {
          types.add("null");
        }
      }
    }
    return types;
  }

  private JsonNode resolve(JsonNode schema, int hops) throws SchemaException {
    if (!schema.has("$ref")) {
      return schema;
    }
    if (hops > MAX_DEPTH) {
      throw new SchemaException(ErrorCode.SCHEMA_INVALID, "The schema's $refs form a loop.", null);
    }
    String ref = schema.get("$ref").asText();
    if (!ref.startsWith("#")) {
      // Resolving it would mean fetching it: docsift never touches the network at run time.
      throw new SchemaException(
          ErrorCode.SCHEMA_INVALID,
          "The schema refers to \"" + ref + "\" outside itself; inline it (docsift works offline).",
          null);
    }
    JsonNode target = root.at(ref.substring(1));
    if (target.isMissingNode()) {
      throw new SchemaException(
          ErrorCode.SCHEMA_INVALID, "The schema's $ref \"" + ref + "\" points nowhere.", null);
    }
    return resolve(target, hops + 1);
  }

  private static SchemaException invalid(String where, String keyword, String value) {
    return new SchemaException(
        ErrorCode.SCHEMA_INVALID,
        "Unknown "
            + SchemaValidator.HINTS_KEYWORD
            + " "
            + keyword
            + " \""
            + value
            + "\" at "
            + where
            + ".",
        null);
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
