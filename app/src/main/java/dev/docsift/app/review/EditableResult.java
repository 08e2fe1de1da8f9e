package dev.docsift.app.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.core.model.FieldValue;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.schemas.DocumentSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A result as a person reviews it: the extracted values with their boxes, and the corrections made
 * on top of them, each checked against the schema as soon as it is made.
 *
 * <p>The state is the original result plus a map of edits, so that typing a value back restores the
 * original exactly (its box, confidence and warnings). An edited value keeps the box and page it
 * was read from, gets confidence 1, and adds the warning {@code <field>: corrected by hand}.
 *
 * <p>Not thread-safe: one thread (the UI's) owns it; {@link #snapshot()} hands an immutable copy to
 * others.
 */
public final class EditableResult {
  /** Values read with less confidence than this stand out in the form. */
  public static final double LOW_CONFIDENCE = 0.6;

  private final DocumentSchema schema;
  private final ExtractionResult original;
  private final Map<String, FieldValue> originalFields = new LinkedHashMap<>();
  private final Map<String, Optional<JsonNode>> edits = new LinkedHashMap<>();
  private ObjectNode data;
  private List<Violation> violations;

  /**
   * Starts a review.
   *
   * @param schema the result's schema
   * @param result the result as the engine made it
   */
  public EditableResult(DocumentSchema schema, ExtractionResult result) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.original = Objects.requireNonNull(result, "result");
    result.fields().forEach(f -> originalFields.putIfAbsent(f.path(), f));
    recompute();
  }

  /** The schema. */
  public DocumentSchema schema() {
    return schema;
  }

  /** The result as the engine made it. */
  public ExtractionResult original() {
    return original;
  }

  /** The form's rows for the current data. */
  public List<FormRow> rows() {
    return FormLayout.rows(schema, data);
  }

  /**
   * The text of a value as the form shows it.
   *
   * @param pointer the value's JSON Pointer
   * @return the text; empty when the value is absent
   */
  public String text(String pointer) {
    return ValueText.display(data.at(pointer));
  }

  /**
   * Where a value came from, as the engine read it or as edited.
   *
   * @param pointer the value's JSON Pointer
   * @return its provenance, or empty when it has no box (not found, or typed in)
   */
  public Optional<FieldValue> field(String pointer) {
    return Optional.ofNullable(currentFields().get(pointer));
  }

  /** Every value with a box, in the engine's order. */
  public List<FieldValue> fields() {
    return List.copyOf(currentFields().values());
  }

  /** Whether a value was corrected by hand. */
  public boolean edited(String pointer) {
    return edits.containsKey(pointer);
  }

  /** Whether any value was corrected. */
  public boolean hasEdits() {
    return !edits.isEmpty();
  }

  /**
   * Sets a value from typed text and checks the document against the schema.
   *
   * @param row the field's row
   * @param text what was typed; blank removes the value
   * @return the violations at this field now; empty when it is valid
   */
  public List<String> edit(FormRow.Field row, String text) {
    String pointer = row.pointer();
    Optional<JsonNode> value = ValueText.parse(row.spec(), text);
    JsonNode before = original.data().at(pointer);
    boolean same =
        value.isPresent()
            ? !before.isMissingNode()
                && ValueText.display(before).equals(text.strip())
                && before.getNodeType() == value.get().getNodeType()
            : before.isMissingNode();
    if (same) {
      edits.remove(pointer);
    } else {
      edits.put(pointer, value);
    }
    recompute();
    return violations(row);
  }

  /**
   * The violations at a field, in plain words.
   *
   * @param row the field's row
   * @return the sentences; empty when it is valid
   */
  public List<String> violations(FormRow.Field row) {
    return violations.stream()
        .filter(v -> v.pointer().equals(row.pointer()))
        .map(v -> v.describe(row.spec()))
        .toList();
  }

  /** Violations that belong to no field of the form, with their location. */
  public List<String> otherViolations() {
    List<String> pointers =
        rows().stream()
            .filter(r -> r instanceof FormRow.Field)
            .map(r -> ((FormRow.Field) r).pointer())
            .toList();
    return violations.stream()
        .filter(v -> !pointers.contains(v.pointer()))
        .map(v -> (v.pointer().isEmpty() ? "document" : v.pointer()) + ": " + v.message())
        .toList();
  }

  /** How many violations the data has. */
  public int violationCount() {
    return violations.size();
  }

  /** Whether the data validates against the schema. */
  public boolean valid() {
    return violations.isEmpty();
  }

  /** The warnings: the engine's, less those about corrected fields, plus one per correction. */
  public List<String> warnings() {
    List<String> out = new ArrayList<>();
    for (String w : original.warnings()) {
      if (edits.keySet().stream().noneMatch(p -> w.startsWith(where(p) + ":"))) {
        out.add(w);
      }
    }
    for (String p : edits.keySet()) {
      JsonNode was = original.data().at(p);
      out.add(
          where(p)
              + ": corrected by hand"
              + (was.isMissingNode() || was.isNull()
                  ? ""
                  : " (read as " + ValueText.display(was) + ")"));
    }
    return out;
  }

  /**
   * The result with the corrections, as it will be exported. An immutable copy: safe to hand to
   * another thread.
   *
   * @return the result
   */
  public ExtractionResult snapshot() {
    return original.withData(data.deepCopy(), fields(), warnings());
  }

  private Map<String, FieldValue> currentFields() {
    Map<String, FieldValue> out = new LinkedHashMap<>();
    for (FieldValue f : originalFields.values()) {
      Optional<JsonNode> edit = edits.get(f.path());
      if (edit == null) {
        out.put(f.path(), f);
      } else if (edit.isPresent() && !edit.get().isNull()) {
        out.put(
            f.path(), new FieldValue(f.path(), edit.get(), f.page(), f.bbox(), 1.0, f.source()));
      }
    }
    return out;
  }

  private void recompute() {
    ObjectNode next = original.data().deepCopy();
    edits.forEach((pointer, value) -> apply(next, pointer, value));
    data = next;
    violations = Violation.parse(schema.validate(data));
  }

  /** Sets or removes the value at a pointer, making the objects on the way. */
  private static void apply(ObjectNode root, String pointer, Optional<JsonNode> value) {
    List<String> parts = segments(pointer);
    JsonNode node = root;
    for (int i = 0; i < parts.size() - 1; i++) {
      String part = parts.get(i);
      JsonNode next = node.isArray() ? node.path(Integer.parseInt(part)) : node.path(part);
      if (next.isMissingNode() || next.isNull()) {
        if (node instanceof ObjectNode obj && value.isPresent()) {
          next = obj.putObject(part);
        } else {
          return; // nothing to remove, or an item that does not exist
        }
      }
      node = next;
    }
    String last = parts.get(parts.size() - 1);
    if (node instanceof ObjectNode obj) {
      if (value.isPresent()) {
        obj.set(last, value.get());
      } else {
        obj.remove(last);
      }
    } else if (node instanceof ArrayNode array && value.isPresent()) {
      array.set(Integer.parseInt(last), value.get());
    }
  }

  private static List<String> segments(String pointer) {
    if (!pointer.startsWith("/")) {
      throw new IllegalArgumentException("not a JSON Pointer: " + pointer);
    }
    List<String> out = new ArrayList<>();
    for (String s : pointer.substring(1).split("/", -1)) {
      out.add(s.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  /**
   * A pointer as the extractor's warnings name the field: {@code /seller/name} → {@code
   * seller/name}.
   */
  private static String where(String pointer) {
    return pointer.substring(1);
  }
}
