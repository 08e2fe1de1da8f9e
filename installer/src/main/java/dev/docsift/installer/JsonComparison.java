package dev.docsift.installer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/** Where two results differ, leaving out what differs from run to run ({@code timings_ms}). */
final class JsonComparison {
  private static final int MAX_DIFFERENCES = 20;

  private JsonComparison() {}

  /**
   * The differences between two results.
   *
   * @param installed what the installed app printed
   * @param source what the source build printed
   * @return one line per difference, each naming its JSON Pointer; empty when they are the same
   */
  static List<String> differences(JsonNode installed, JsonNode source) {
    List<String> out = new ArrayList<>();
    compare("", withoutTimings(installed), withoutTimings(source), out);
    return out;
  }

  private static JsonNode withoutTimings(JsonNode result) {
    if (result instanceof ObjectNode o) {
      ObjectNode copy = o.deepCopy();
      copy.remove("timings_ms");
      return copy;
    }
    return result;
  }

  private static void compare(String pointer, JsonNode a, JsonNode b, List<String> out) {
    if (out.size() >= MAX_DIFFERENCES || a.equals(b)) {
      return;
    }
    if (a.isObject() && b.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
        if (!a.has(name)) {
          out.add(child + ": only in the source build's result (" + b.get(name) + ")");
        } else if (!b.has(name)) {
          out.add(child + ": only in the installed app's result (" + a.get(name) + ")");
        } else {
          compare(child, a.get(name), b.get(name), out);
        }
      }
    } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
      Iterator<JsonNode> ia = a.elements();
      Iterator<JsonNode> ib = b.elements();
      for (int i = 0; ia.hasNext(); i++) {
        compare(pointer + "/" + i, ia.next(), ib.next(), out);
      }
    } else {
      out.add((pointer.isEmpty() ? "/" : pointer) + ": installed " + a + ", source build " + b);
    }
  }
}
