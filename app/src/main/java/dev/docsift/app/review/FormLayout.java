package dev.docsift.app.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.FieldSpec;
import dev.docsift.schemas.ValueKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lays a schema's fields out as form rows, in schema order: every leaf field gets a row whether or
 * not it was found, so a missing value can be filled in; objects become headings over their fields;
 * arrays of objects get a heading and one group per item present in the data.
 */
public final class FormLayout {
  private FormLayout() {}

  /**
   * The rows for a document.
   *
   * @param schema the schema
   * @param data the document's data (decides how many items each array shows)
   * @return the rows
   */
  public static List<FormRow> rows(DocumentSchema schema, JsonNode data) {
    List<FormRow> rows = new ArrayList<>();
    add(schema.fields(), "", 0, data, rows);
    return rows;
  }

  private static void add(
      List<FieldSpec> fields, String prefix, int depth, JsonNode data, List<FormRow> rows) {
    for (FieldSpec f : fields) {
      String pointer = prefix + f.pointer();
      boolean array = f.types().contains("array");
      if (array && !f.children().isEmpty()) {
        rows.add(new FormRow.Heading(label(f.name()), depth));
        JsonNode items = data.at(pointer);
        for (int i = 0; i < items.size(); i++) {
          rows.add(new FormRow.Heading(singular(label(f.name())) + " " + (i + 1), depth + 1));
          // Item fields' pointers are relative to the item.
          add(f.children(), pointer + "/" + i, depth + 2, data, rows);
        }
      } else if (!array && !f.children().isEmpty() && f.kind() != ValueKind.TABLE) {
        rows.add(new FormRow.Heading(label(f.name()), depth));
        // Object fields' pointers are absolute within their item (or the document).
        add(f.children(), prefix, depth + 1, data, rows);
      } else {
        rows.add(new FormRow.Field(pointer, label(f.name()), f, depth));
      }
    }
  }

  /**
   * A property name as a label: {@code unit_price} → {@code Unit price}, {@code tax_id} → {@code
   * Tax ID}.
   *
   * @param name the property name
   * @return the label
   */
  public static String label(String name) {
    String[] words = name.replace('-', '_').split("_|(?<=[a-z])(?=[A-Z])");
    StringBuilder out = new StringBuilder();
    for (String w : words) {
      if (w.isEmpty()) {
        continue;
      }
      String lower = w.toLowerCase(Locale.ROOT);
      String word =
          switch (lower) {
            case "id", "vat", "iban", "bic", "po", "gst" -> lower.toUpperCase(Locale.ROOT);
            default -> lower;
          };
      if (out.isEmpty()) {
        word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
      } else {
        out.append(' ');
      }
      out.append(word);
    }
    return out.isEmpty() ? name : out.toString();
  }

  private static String singular(String label) {
    return label.endsWith("ies")
        ? label.substring(0, label.length() - 3) + "y"
        : label.endsWith("s") && label.length() > 1
            ? label.substring(0, label.length() - 1)
            : label;
  }
}
