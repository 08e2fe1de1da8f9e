package dev.docsift.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.errors.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shipped schemas, and the way to load a user's schema file. Shipped schemas are read once and
 * cached; the catalog is thread-safe.
 */
public final class SchemaCatalog {
  private static final String BASE = "/dev/docsift/schemas/shipped/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> shippedFiles;
  private final Map<String, DocumentSchema> cache =
      Collections.synchronizedMap(new LinkedHashMap<>());

  private SchemaCatalog(Map<String, String> shippedFiles) {
    this.shippedFiles = shippedFiles;
  }

  /** The catalog of the schemas shipped with docsift. */
  public static SchemaCatalog shipped() {
    try (InputStream in = SchemaCatalog.class.getResourceAsStream(BASE + "catalog.json")) {
      if (in == null) {
        throw new IllegalStateException("catalog.json is missing from the schemas jar");
      }
      Map<String, String> files = new LinkedHashMap<>();
      for (JsonNode entry : JSON.readTree(in).path("schemas")) {
        files.put(entry.path("id").asText(), entry.path("file").asText());
      }
      return new SchemaCatalog(Map.copyOf(files));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ids of the shipped schemas, in catalog order. */
  public List<String> ids() {
    List<String> ids = new ArrayList<>(shippedFiles.keySet());
    ids.sort(null);
    return ids;
  }

  /**
   * Gets a shipped schema by id.
   *
   * @param id a catalog id such as {@code receipt}
   * @return the schema
   * @throws SchemaException when no shipped schema has that id
   */
  public DocumentSchema get(String id) throws SchemaException {
    DocumentSchema cached = cache.get(id);
    if (cached != null) {
      return cached;
    }
    String file = shippedFiles.get(id);
    if (file == null) {
      throw new SchemaException(
          ErrorCode.SCHEMA_NOT_FOUND,
          "No schema \"" + id + "\"; shipped schemas: " + String.join(", ", ids()) + ".",
          null);
    }
    try (InputStream in = SchemaCatalog.class.getResourceAsStream(BASE + file)) {
      DocumentSchema schema = build(id, JSON.readTree(in));
      cache.put(id, schema);
      return schema;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The text of a shipped schema.
   *
   * @param id a catalog id
   * @return the schema document
   * @throws SchemaException when no shipped schema has that id
   */
  public JsonNode json(String id) throws SchemaException {
    return get(id).json();
  }

  /**
   * Resolves what a user typed: a shipped id, or else a path to a schema file.
   *
   * @param idOrPath {@code receipt} or {@code path/to/schema.json}
   * @return the schema
   * @throws SchemaException when neither a shipped schema nor a readable schema file is found
   */
  public DocumentSchema resolve(String idOrPath) throws SchemaException {
    if (shippedFiles.containsKey(idOrPath)) {
      return get(idOrPath);
    }
    Path path = Path.of(idOrPath);
    if (!idOrPath.endsWith(".json") && !Files.exists(path)) {
      return get(idOrPath);
    }
    return load(path);
  }

  /**
   * Loads a user's schema file.
   *
   * @param path the file
   * @return the schema; its id is the file name without {@code .schema.json} or {@code .json}
   * @throws SchemaException when the file is missing, not JSON or not a usable schema
   */
  public static DocumentSchema load(Path path) throws SchemaException {
    JsonNode json;
    try {
      json = JSON.readTree(Files.readAllBytes(path));
    } catch (NoSuchFileException e) {
      throw new SchemaException(
          ErrorCode.SCHEMA_NOT_FOUND, "Schema file " + path + " does not exist.", e);
    } catch (IOException e) {
      throw new SchemaException(
          ErrorCode.SCHEMA_INVALID,
          "Schema file " + path + " cannot be read as JSON: " + firstLine(e.getMessage()),
          e);
    }
    if (json == null || !json.isObject()) {
      throw new SchemaException(
          ErrorCode.SCHEMA_INVALID, "Schema file " + path + " is not a JSON object.", null);
    }
    String name = path.getFileName().toString().replaceFirst("(\\.schema)?\\.json$", "");
    return build(name, json);
  }

  private static DocumentSchema build(String id, JsonNode json) throws SchemaException {
    List<FieldSpec> fields = new FieldSpecReader(json).read();
    SchemaValidator validator = SchemaValidator.compile(json);
    return new DocumentSchema(id, json.path("title").asText(id), json, fields, validator);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
