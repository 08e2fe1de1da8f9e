package dev.docsift.schemas;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One field of a schema as the extractor sees it: where it goes, what kind of value it holds and
 * the labels that announce it on a page.
 *
 * @param name the property name
 * @param pointer the JSON Pointer of the value in an instance ({@code /seller/name}); for the
 *     properties of array items it is relative to the item ({@code /description})
 * @param kind the kind of value
 * @param region where to look when the field has no label on the page
 * @param types the JSON types the schema allows ({@code string}, {@code number}, {@code null}...)
 * @param labels lower-case labels and synonyms, longest first
 * @param required whether the parent object requires the property
 * @param children the fields of an object, or of an array's item object; empty otherwise
 * @param maxLength the schema's maxLength for strings, or -1
 * @param maxItems the schema's maxItems for arrays, or -1
 */
public record FieldSpec(
    String name,
    String pointer,
    ValueKind kind,
    Region region,
    Set<String> types,
    List<String> labels,
    boolean required,
    List<FieldSpec> children,
    int maxLength,
    int maxItems) {

  /** Validates and copies the collections. */
  public FieldSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(region, "region");
    types = Set.copyOf(types);
    labels = List.copyOf(labels);
    children = List.copyOf(children);
  }

  /** Whether the schema lets this field be {@code null}. */
  public boolean nullable() {
    return types.contains("null");
  }

  /** Whether values are written as JSON numbers rather than strings. */
  public boolean numeric() {
    return (types.contains("number") || types.contains("integer")) && !types.contains("string");
  }

  /** Whether the field is an integer. */
  public boolean integer() {
    return types.contains("integer") && !types.contains("number");
  }

  /**
   * Finds a child by name.
   *
   * @param childName the property name
   * @return the child
   * @throws IllegalArgumentException when there is no such child
   */
  public FieldSpec child(String childName) {
    return children.stream()
        .filter(c -> c.name().equals(childName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(pointer + " has no field " + childName));
  }
}
