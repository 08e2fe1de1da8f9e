package dev.docsift.slm.constrain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.schemas.DocumentSchema;
import java.util.Objects;

/**
 * The compact-JSON syntax of the documents a JSON Schema allows, compiled for constrained decoding.
 * Immutable and thread-safe; compile once per schema and share.
 *
 * <p>Supported (draft 2020-12 subset): {@code type} (one or several), {@code properties}, {@code
 * required}, {@code additionalProperties} (every object is treated as closed), {@code items},
 * {@code minItems}, {@code maxItems}, {@code enum}, {@code const}, {@code pattern} (see {@link
 * RegexCompiler}), {@code format: "date"}, {@code minLength}, {@code maxLength}, {@code anyOf} /
 * {@code oneOf} whose alternatives begin differently (a type and null, say), local {@code $ref}
 * into {@code $defs}. Annotations ({@code title}, {@code description}, {@code x-...}...) are
 * ignored; any other keyword is refused with an {@link IllegalArgumentException}.
 *
 * <p>The written text is compact JSON (no whitespace), properties in declaration order, each at
 * most once, optional ones skippable. So that every generation ends, strings without {@code
 * maxLength} hold at most {@value #DEFAULT_MAX_STRING} characters, arrays without {@code maxItems}
 * at most {@value #DEFAULT_MAX_ITEMS} items and numbers at most {@value NumberNode#MAX_LENGTH}
 * characters (no exponent).
 */
public final class JsonSchemaGrammar {
  /** The maxLength of strings whose schema gives none. */
  public static final int DEFAULT_MAX_STRING = 256;

  /** The maxItems of arrays whose schema gives none. */
  public static final int DEFAULT_MAX_ITEMS = 256;

  private final Node root;

  private JsonSchemaGrammar(Node root) {
    this.root = root;
  }

  /**
   * Compiles a schema document.
   *
   * @param schema the JSON Schema
   * @return the grammar
   * @throws IllegalArgumentException when the schema uses something unsupported or allows no
   *     document
   */
  public static JsonSchemaGrammar compile(JsonNode schema) {
    Objects.requireNonNull(schema, "schema");
    return new JsonSchemaGrammar(new SchemaCompiler(schema).compileRoot());
  }

  /**
   * Compiles a catalog schema.
   *
   * @param schema the schema
   * @return the grammar
   * @throws IllegalArgumentException when the schema uses something unsupported
   */
  public static JsonSchemaGrammar compile(DocumentSchema schema) {
    return compile(schema.json());
  }

  Node root() {
    return root;
  }
}
