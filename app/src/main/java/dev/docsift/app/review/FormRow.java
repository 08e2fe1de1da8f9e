package dev.docsift.app.review;

import dev.docsift.schemas.FieldSpec;
import java.util.Objects;

/** A line of the form beside the page: a heading for a group, or one editable value. */
public sealed interface FormRow {
  /** The row's label. */
  String label();

  /** How deep it is nested, 0 for top-level fields. */
  int depth();

  /**
   * Opens a group: an object such as {@code seller}, an array of items, or one item.
   *
   * @param label such as {@code Seller} or {@code Item 2}
   * @param depth how deep it is nested
   */
  record Heading(String label, int depth) implements FormRow {}

  /**
   * One value.
   *
   * @param pointer its absolute JSON Pointer in {@code data}, such as {@code /items/1/amount}
   * @param label such as {@code Unit price}
   * @param spec the schema's field
   * @param depth how deep it is nested
   */
  record Field(String pointer, String label, FieldSpec spec, int depth) implements FormRow {
    /** Validates. */
    public Field {
      Objects.requireNonNull(pointer, "pointer");
      Objects.requireNonNull(spec, "spec");
    }
  }
}
