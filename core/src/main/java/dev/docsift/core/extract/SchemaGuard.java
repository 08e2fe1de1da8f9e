package dev.docsift.core.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.core.model.FieldValue;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.FieldSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes extracted data valid against its schema by dropping what does not validate: the value at
 * each error's path (an array item whose required field went, the item itself), with a warning; a
 * required nullable property that went becomes {@code null}. Provenance follows: dropped values
 * lose their field entries and array indices are renumbered. Stateless.
 */
public final class SchemaGuard {
  private static final Pattern PATH = Pattern.compile("^(\\$[^:\\s]*|/[^:\\s]*|)\\s*:");
  private static final Pattern REQUIRED = Pattern.compile("required property '([^']+)' not found");
  private static final Pattern SEGMENT = Pattern.compile("\\.([^.\\[]+)|\\[(\\d+)]|\\['([^']+)']");
  private static final int MAX_ROUNDS = 500;

  private SchemaGuard() {}

  /**
   * Drops invalid values until the data validates, or nothing more can be dropped.
   *
   * @param schema the schema
   * @param data the data; changed in place
   * @param fields the provenance of the data's leaves; changed in place
   * @param warnings receives a sentence per value dropped
   * @return the violations left (a required, non-nullable field that was not found); empty when the
   *     data validates
   */
  public static List<String> enforce(
      DocumentSchema schema, ObjectNode data, List<FieldValue> fields, List<String> warnings) {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      List<String> errors = schema.validate(data);
      if (errors.isEmpty()) {
        return errors;
      }
      if (!fixOne(schema, data, fields, warnings, errors)) {
        return fallback(schema, data, fields, warnings, errors);
      }
    }
    return schema.validate(data);
  }

  private static boolean fixOne(
      DocumentSchema schema,
      ObjectNode data,
      List<FieldValue> fields,
      List<String> warnings,
      List<String> errors) {
    for (String e : errors) {
      String ptr = pointerOf(e);
      if (ptr == null) {
        continue;
      }
      Matcher req = REQUIRED.matcher(e);
      if (req.find()) {
        if (ptr.isEmpty()) {
          String name = req.group(1);
          boolean nullable = schema.field(name).map(FieldSpec::nullable).orElse(false);
          if (nullable && !data.has(name)) {
            data.putNull(name);
            warnings.add(name + ": not found");
            return true;
          }
          continue;
        }
        if (remove(data, ptr, fields)) {
          warnings.add(ptr.substring(1) + ": dropped, " + message(e));
          return true;
        }
        continue;
      }
      if (!ptr.isEmpty() && remove(data, ptr, fields)) {
        warnings.add(ptr.substring(1) + ": dropped, " + message(e));
        return true;
      }
    }
    return false;
  }

  /**
   * When error paths cannot be read, drops leaves one at a time, least sure first, keeping each
   * drop that lowers the number of violations.
   */
  private static List<String> fallback(
      DocumentSchema schema,
      ObjectNode data,
      List<FieldValue> fields,
      List<String> warnings,
      List<String> errors) {
    List<FieldValue> order = new ArrayList<>(fields);
    order.sort(Comparator.comparingDouble(FieldValue::confidence));
    int count = errors.size();
    for (FieldValue fv : order) {
      if (count == 0) {
        break;
      }
      ObjectNode trial = data.deepCopy();
      List<FieldValue> trialFields = new ArrayList<>(fields);
      if (!remove(trial, fv.path(), trialFields)) {
        continue;
      }
      List<String> left = schema.validate(trial);
      if (left.size() < count) {
        data.removeAll();
        data.setAll(trial);
        fields.clear();
        fields.addAll(trialFields);
        warnings.add(fv.path().substring(1) + ": dropped, it does not validate");
        count = left.size();
      }
    }
    return schema.validate(data);
  }

  /** The JSON Pointer of an error's instance location, or null when it cannot be read. */
  static String pointerOf(String message) {
    Matcher m = PATH.matcher(message);
    if (!m.find()) {
      return null;
    }
    String p = m.group(1);
    if (p.isEmpty() || p.equals("$")) {
      return "";
    }
    if (p.startsWith("/")) {
      return p;
    }
    StringBuilder out = new StringBuilder();
    Matcher s = SEGMENT.matcher(p.substring(1));
    int at = 0;
    while (s.find()) {
      if (s.start() != at) {
        return null;
      }
      String name = s.group(1) != null ? s.group(1) : s.group(2) != null ? s.group(2) : s.group(3);
      out.append('/').append(name.replace("~", "~0").replace("/", "~1"));
      at = s.end();
    }
    return at == p.length() - 1 ? out.toString() : null;
  }

  private static String message(String error) {
    int colon = error.indexOf(':');
    return colon < 0 ? error : error.substring(colon + 1).strip();
  }

  /** Removes the node at a pointer and the provenance under it; renumbers array items after it. */
  static boolean remove(ObjectNode data, String ptr, List<FieldValue> fields) {
    int slash = ptr.lastIndexOf('/');
    if (slash < 0) {
      return false;
    }
    String parentPtr = ptr.substring(0, slash);
    String last = ptr.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    JsonNode parent = parentPtr.isEmpty() ? data : data.at(parentPtr);
    if (parent instanceof ObjectNode o && o.has(last)) {
      o.remove(last);
      fields.removeIf(f -> f.path().equals(ptr) || f.path().startsWith(ptr + "/"));
      return true;
    }
    if (parent instanceof ArrayNode a
        && last.matches("\\d+")
        && Integer.parseInt(last) < a.size()) {
      int k = Integer.parseInt(last);
      a.remove(k);
      fields.removeIf(f -> f.path().equals(ptr) || f.path().startsWith(ptr + "/"));
      String prefix = parentPtr + "/";
      for (int i = 0; i < fields.size(); i++) {
        FieldValue f = fields.get(i);
        if (!f.path().startsWith(prefix)) {
          continue;
        }
        String rest = f.path().substring(prefix.length());
        int end = rest.indexOf('/');
        String idx = end < 0 ? rest : rest.substring(0, end);
        if (idx.matches("\\d+") && Integer.parseInt(idx) > k) {
          String path = prefix + (Integer.parseInt(idx) - 1) + (end < 0 ? "" : rest.substring(end));
          fields.set(
              i, new FieldValue(path, f.value(), f.page(), f.bbox(), f.confidence(), f.source()));
        }
      }
      return true;
    }
    return false;
  }
}
