package dev.docsift.slm.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import dev.docsift.slm.constrain.ConstraintFactory;
import dev.docsift.slm.constrain.HardSchemas;
import dev.docsift.slm.constrain.JsonSchemaGrammar;
import dev.docsift.slm.tokenizer.HfTokenizer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end guarantee: the tiny random-weight model, its real tokenizer and the schema
 * constraint, under a token limit that random sampling would overrun, always give a document that
 * parses and validates.
 */
class ConstrainedGenerationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SEEDS = 5;
  private static final int MAX_NEW_TOKENS = 400;

  @TempDir Path dir;

  private record Setting(String name, float temperature, int topK, float topP) {}

  private static final List<Setting> SETTINGS =
      List.of(
          new Setting("greedy", 0f, 0, 1f),
          new Setting("T0.7/k40", 0.7f, 40, 1f),
          new Setting("T1.0/p0.9", 1.0f, 0, 0.9f),
          new Setting("T1.3", 1.3f, 0, 1f));

  @Test
  void everyGenerationWithinTheBudgetIsAValidDocument() throws Exception {
    TinyPack pack = TinyPack.load("tiny-pack");
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
    List<String> failures = new ArrayList<>();
    int generations = 0;
    long tokens = 0;
    int eos = 2;
    try (HfTokenizer tokenizer = HfTokenizer.load(pack.folder().resolve("tokenizer.json"));
        DecoderSession session = pack.open()) {
      Generator generator = new Generator(session);
      int[] prompt = prompt(tokenizer, "Extract the fields of this document as JSON.");
      for (var e : schemas.entrySet()) {
        ConstraintFactory factory =
            new ConstraintFactory(
                JsonSchemaGrammar.compile(e.getValue()), tokenizer, new int[] {eos});
        for (Setting s : SETTINGS) {
          for (int seed = 0; seed < SEEDS; seed++) {
            GenerationConfig config =
                new GenerationConfig(
                    MAX_NEW_TOKENS, pack.stopIds(), s.temperature(), s.topK(), s.topP(), seed);
            GenerationResult r =
                generator.generate(
                    prompt, config, GenerationHooks.NONE.withConstraint(factory.create()));
            generations++;
            tokens += r.tokenIds().length;
            String where = e.getKey() + "/" + s.name() + "/" + seed;
            if (r.stopReason() != StopReason.CONSTRAINT_COMPLETE) {
              failures.add(where + ": stopped " + r.stopReason());
              continue;
            }
            String text;
            try {
              text = strictUtf8(tokenizer, r.tokenIds());
            } catch (CharacterCodingException ex) {
              failures.add(where + ": malformed UTF-8");
              continue;
            }
            try {
              JsonNode doc = JSON.readTree(text);
              List<String> errors = e.getValue().validate(doc);
              if (!errors.isEmpty()) {
                failures.add(where + ": " + errors + " in " + text);
              }
            } catch (java.io.IOException ex) {
              failures.add(where + ": does not parse: " + text);
            }
          }
        }
      }
    }
    System.out.printf(
        "constrained generation (tiny model, %d max new tokens): %d generations, %d invalid,"
            + " %.1f tokens per document%n",
        MAX_NEW_TOKENS, generations, failures.size(), (double) tokens / generations);
    assertThat(failures).isEmpty();
    assertThat(generations).isEqualTo(schemas.size() * SETTINGS.size() * SEEDS);
  }

  /** The pack's chat template, {@code <|prompt|>{query}<|end|><|answer|>}. */
  private static int[] prompt(HfTokenizer tokenizer, String query) {
    int[] text = tokenizer.encodeText(query);
    int[] ids = new int[text.length + 3];
    ids[0] = tokenizer.tokenId("<|prompt|>");
    System.arraycopy(text, 0, ids, 1, text.length);
    ids[text.length + 1] = tokenizer.tokenId("<|end|>");
    ids[text.length + 2] = tokenizer.tokenId("<|answer|>");
    return ids;
  }

  /** The tokens' bytes as UTF-8, failing on a malformed sequence instead of writing U+FFFD. */
  private static String strictUtf8(HfTokenizer tokenizer, int[] ids)
      throws CharacterCodingException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int id : ids) {
      out.writeBytes(tokenizer.bytes(id));
    }
    return StandardCharsets.UTF_8
        .newDecoder()
        .decode(ByteBuffer.wrap(out.toByteArray()))
        .toString();
  }
}
