package dev.docsift.slm.constrain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guarantee itself: whatever the logits, every generation that keeps to the mask ends, and its
 * text parses and validates against the schema.
 */
class ConstraintValidityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SEEDS_PER_SKEW = 25;

  @TempDir Path dir;

  @Test
  void everyRandomGenerationIsAValidDocument() throws Exception {
    Map<String, DocumentSchema> schemas = new LinkedHashMap<>();
    SchemaCatalog catalog = SchemaCatalog.shipped();
    for (String id : catalog.ids()) {
      schemas.put(id, catalog.get(id));
    }
    for (var e : HardSchemas.ALL.entrySet()) {
      Path file = dir.resolve(e.getKey() + ".schema.json");
      Files.writeString(file, e.getValue());
      schemas.put(e.getKey(), SchemaCatalog.load(file));
    }
    TestVocab vocab = TestVocab.jsonish(7);
    List<String> failures = new ArrayList<>();
    int generations = 0;
    for (var e : schemas.entrySet()) {
      ConstraintFactory factory =
          new ConstraintFactory(
              JsonSchemaGrammar.compile(e.getValue()), vocab, new int[] {vocab.eos()});
      for (RandomGeneration.Skew skew : RandomGeneration.Skew.values()) {
        for (int seed = 0; seed < SEEDS_PER_SKEW; seed++) {
          String text = RandomGeneration.run(vocab, factory.create(), skew, seed, 400_000);
          generations++;
          JsonNode doc = JSON.readTree(text);
          List<String> errors = e.getValue().validate(doc);
          if (!errors.isEmpty() || !doc.isObject()) {
            failures.add(e.getKey() + "/" + skew + "/" + seed + ": " + errors + " in " + text);
          }
        }
      }
    }
    System.out.printf(
        "constraint validity: %d schemas x %d skews x %d seeds = %d generations, %d invalid%n",
        schemas.size(),
        RandomGeneration.Skew.values().length,
        SEEDS_PER_SKEW,
        generations,
        failures.size());
    assertThat(failures).isEmpty();
    assertThat(generations).isEqualTo(schemas.size() * 4 * SEEDS_PER_SKEW);
  }
}
