package dev.docsift.slm.constrain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a schema document into {@link Node}s; see {@link JsonSchemaGrammar} for the subset. */
final class SchemaCompiler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_DEPTH = 32;

  /** Full dates with real month lengths and 29 February in leap years only; years 1000-9999. */
  static final String DATE_PATTERN =
      "^(?:[1-9][0-9]{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
          + "|[1-9][0-9]{3}-(?:0[13-9]|1[0-2])-(?:29|30)"
          + "|[1-9][0-9]{3}-(?:0[13578]|1[02])-31"
          + "|(?:[1-9][0-9](?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00)-02-29)$";

  private static final Set<String> ANNOTATIONS =
      Set.of(
          "$schema",
          "$id",
          "$comment",
          "$defs",
          "definitions",
          "$anchor",
          "title",
          "description",
          "default",
          "examples",
          "deprecated",
          "readOnly",
          "writeOnly",
          "additionalProperties",
          "unevaluatedProperties");
  private static final Set<String> VALIDATION =
      Set.of(
          "type",
          "properties",
          "required",
          "items",
          "minItems",
          "maxItems",
          "enum",
          "const",
          "pattern",
          "format",
          "minLength",
          "maxLength",
          "anyOf",
          "oneOf",
          "$ref");

  private final JsonNode root;
  private final Map<String, Node> refs = new HashMap<>();
  private final Set<String> resolving = new HashSet<>();
  private CharDfa date;

  SchemaCompiler(JsonNode root) {
    this.root = root;
  }

  Node compileRoot() {
    return compile(root, "#", 0);
  }

  private Node compile(JsonNode s, String where, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException(
          where + ": the schema nests too deep (or its $refs loop).");
    }
    if (!s.isObject()) {
      throw new IllegalArgumentException(where + ": only object schemas are supported, not " + s);
    }
    var names = s.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      if (!k.startsWith("x-") && !ANNOTATIONS.contains(k) && !VALIDATION.contains(k)) {
        throw new IllegalArgumentException(where + ": keyword \"" + k + "\" is not supported.");
      }
    }
    if (s.has("$ref")) {
      requireOnly(s, where, "$ref");
      return ref(s.get("$ref").asText(), where, depth);
    }
    for (String combinator : List.of("anyOf", "oneOf")) {
      if (s.has(combinator)) {
        requireOnly(s, where, combinator);
        List<Node> alternatives = new ArrayList<>();
        int i = 0;
        for (JsonNode alt : s.get(combinator)) {
          addFlat(alternatives, compile(alt, where + "/" + combinator + "/" + i++, depth + 1));
        }
        return union(alternatives, where);
      }
    }
    Set<String> types = types(s, where);
    if (s.has("enum") || s.has("const")) {
      return literal(s, types, where);
    }
    List<Node> nodes = new ArrayList<>();
    for (String type : types) {
      nodes.add(
          switch (type) {
            case "object" -> object(s, where, depth);
            case "array" -> array(s, where, depth);
            case "string" -> string(s, where);
            case "number" -> new NumberNode(false);
            case "integer" -> new NumberNode(true);
            case "boolean" -> literalOf(List.of("true", "false"));
            case "null" -> literalOf(List.of("null"));
            default ->
                throw new IllegalArgumentException(where + ": unknown type \"" + type + "\".");
          });
    }
    return nodes.size() == 1 ? nodes.get(0) : union(nodes, where);
  }

  private static void requireOnly(JsonNode s, String where, String keyword) {
    var names = s.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      if (!k.equals(keyword) && VALIDATION.contains(k)) {
        throw new IllegalArgumentException(
            where + ": \"" + k + "\" beside \"" + keyword + "\" is not supported.");
      }
    }
  }

  private Node ref(String ref, String where, int depth) {
    if (!ref.startsWith("#")) {
      throw new IllegalArgumentException(where + ": only local $refs are supported, not " + ref);
    }
    Node known = refs.get(ref);
    if (known != null) {
      return known;
    }
    if (!resolving.add(ref)) {
      throw new IllegalArgumentException(where + ": recursive $ref " + ref + " is not supported.");
    }
    JsonNode target = root.at(ref.substring(1));
    if (target.isMissingNode()) {
      throw new IllegalArgumentException(where + ": $ref " + ref + " points nowhere.");
    }
    Node node = compile(target, ref, depth + 1);
    resolving.remove(ref);
    refs.put(ref, node);
    return node;
  }

  private static Set<String> types(JsonNode s, String where) {
    Set<String> types = new LinkedHashSet<>();
    JsonNode type = s.get("type");
    if (type == null) {
      if (s.has("properties")) {
        types.add("object");
      } else if (s.has("items")) {
        types.add("array");
      } else if (s.has("enum") || s.has("const")) {
        return types;
      } else {
        throw new IllegalArgumentException(where + ": a schema without \"type\" is not supported.");
      }
    } else if (type.isTextual()) {
      types.add(type.asText());
    } else {
      type.forEach(t -> types.add(t.asText()));
    }
    if (types.contains("number")) {
      types.remove("integer");
    }
    return types;
  }

  private Node object(JsonNode s, String where, int depth) {
    List<String> keys = new ArrayList<>();
    List<Node> values = new ArrayList<>();
    Set<String> required = new HashSet<>();
    s.path("required").forEach(r -> required.add(r.asText()));
    var fields = s.path("properties").fields();
    List<Boolean> req = new ArrayList<>();
    while (fields.hasNext()) {
      var e = fields.next();
      try {
        keys.add(JSON.writeValueAsString(e.getKey()));
      } catch (JsonProcessingException ex) {
        throw new IllegalStateException(ex);
      }
      values.add(compile(e.getValue(), where + "/properties/" + e.getKey(), depth + 1));
      req.add(required.remove(e.getKey()));
    }
    if (!required.isEmpty()) {
      throw new IllegalArgumentException(
          where + ": required " + required + " not among the properties (objects are closed).");
    }
    boolean[] r = new boolean[req.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = req.get(i);
    }
    return new ObjectNode(keys, values, r);
  }

  private Node array(JsonNode s, String where, int depth) {
    if (!s.path("items").isObject()) {
      throw new IllegalArgumentException(where + ": arrays need an \"items\" schema.");
    }
    int min = s.path("minItems").asInt(0);
    int max =
        s.has("maxItems")
            ? s.get("maxItems").asInt()
            : Math.max(JsonSchemaGrammar.DEFAULT_MAX_ITEMS, min);
    if (min > max) {
      throw new IllegalArgumentException(where + ": minItems is above maxItems.");
    }
    return new ArrayNode(compile(s.get("items"), where + "/items", depth + 1), min, max);
  }

  private Node string(JsonNode s, String where) {
    int min = s.path("minLength").asInt(0);
    int max =
        s.has("maxLength")
            ? s.get("maxLength").asInt()
            : Math.max(JsonSchemaGrammar.DEFAULT_MAX_STRING, min);
    CharDfa dfa;
    boolean groundable = false;
    if (s.has("format") && s.has("pattern")) {
      throw new IllegalArgumentException(
          where + ": \"format\" together with \"pattern\" is not supported.");
    }
    if (s.has("format")) {
      String format = s.get("format").asText();
      if (!format.equals("date")) {
        throw new IllegalArgumentException(where + ": format \"" + format + "\" is not supported.");
      }
      if (date == null) {
        date = RegexCompiler.compile(DATE_PATTERN);
      }
      dfa = date;
    } else if (s.has("pattern")) {
      dfa = RegexCompiler.compile(s.get("pattern").asText());
    } else {
      dfa = CharDfa.anyString();
      groundable = true;
    }
    return new StringNode(dfa, min, max, groundable, where);
  }

  private Node literal(JsonNode s, Set<String> types, String where) {
    List<JsonNode> values = new ArrayList<>();
    if (s.has("const")) {
      values.add(s.get("const"));
    }
    s.path("enum").forEach(values::add);
    List<String> texts = new ArrayList<>();
    CharDfa pattern = s.has("pattern") ? RegexCompiler.compile(s.get("pattern").asText()) : null;
    for (JsonNode v : values) {
      if (s.has("const") && s.has("enum") && !v.equals(s.get("const"))) {
        continue;
      }
      String type = typeOf(v);
      boolean typed = types.contains(type) || (type.equals("integer") && types.contains("number"));
      if (!types.isEmpty() && !typed) {
        continue;
      }
      if (v.isTextual()) {
        int len = v.asText().codePointCount(0, v.asText().length());
        if (len < s.path("minLength").asInt(0)
            || len > s.path("maxLength").asInt(Integer.MAX_VALUE)
            || (pattern != null && !pattern.matches(v.asText()))) {
          continue;
        }
      }
      try {
        texts.add(JSON.writeValueAsString(v));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    if (texts.isEmpty()) {
      throw new IllegalArgumentException(where + ": no enum/const value satisfies the schema.");
    }
    return literalOf(texts);
  }

  private static String typeOf(JsonNode v) {
    if (v.isIntegralNumber()) {
      return "integer";
    }
    return switch (v.getNodeType()) {
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case NULL -> "null";
      case ARRAY -> "array";
      default -> "object";
    };
  }

  private static LiteralNode literalOf(List<String> texts) {
    return new LiteralNode(
        texts.stream()
            .distinct()
            .map(t -> t.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .toList());
  }

  private static void addFlat(List<Node> out, Node node) {
    if (node instanceof UnionNode u) {
      out.addAll(u.alternatives());
    } else {
      out.add(node);
    }
  }

  private static Node union(List<Node> alternatives, String where) {
    for (int b = 0; b < 256; b++) {
      int count = 0;
      for (Node a : alternatives) {
        if (a.canStartWith(b)) {
          count++;
        }
      }
      if (count > 1) {
        throw new IllegalArgumentException(
            where
                + ": alternatives that can begin alike ('"
                + (char) b
                + "') are not supported;"
                + " use alternatives of different JSON types.");
      }
    }
    return alternatives.size() == 1 ? alternatives.get(0) : new UnionNode(alternatives);
  }
}
