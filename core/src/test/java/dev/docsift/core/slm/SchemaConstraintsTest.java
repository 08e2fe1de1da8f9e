package dev.docsift.core.slm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docsift.core.DocsiftException;
import dev.docsift.errors.ErrorCode;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import dev.docsift.slm.constrain.ConstraintFactory;
import dev.docsift.slm.tokenizer.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaConstraintsTest {
  /**
   * Printable ASCII, a byte a token, and an end-of-sequence token last; without {@code without}.
   * Records the threads that read it.
   */
  private static Vocabulary ascii(char without, Set<String> readers) {
    return new Vocabulary() {
      @Override
      public int size() {
        return 96;
      }

      @Override
      public byte[] bytes(int id) {
        readers.add(Thread.currentThread().getName());
        char c = (char) (0x20 + id);
        return id == 95 || c == without
            ? new byte[0]
            : String.valueOf(c).getBytes(StandardCharsets.US_ASCII);
      }

      @Override
      public boolean isSpecial(int id) {
        return id == 95;
      }
    };
  }

  private static Vocabulary ascii(char without) {
    return ascii(without, ConcurrentHashMap.newKeySet());
  }

  @Test
  void eachSchemaIsBuiltOnceOnTheBackgroundThread() throws Exception {
    DocumentSchema receipt = SchemaCatalog.shipped().get("receipt");
    Set<String> readers = ConcurrentHashMap.newKeySet();
    try (SchemaConstraints constraints =
        new SchemaConstraints(ascii('\0', readers), new int[] {95})) {
      Future<ConstraintFactory> first = constraints.prepare(receipt);
      assertThat(constraints.prepare(receipt)).isSameAs(first);
      ConstraintFactory factory = constraints.get(receipt);
      assertThat(first).isDone();
      assertThat(factory).isSameAs(first.get());
      assertThat(constraints.get(SchemaCatalog.shipped().get("invoice"))).isNotSameAs(factory);
    }
    assertThat(readers).containsExactly("docsift-constraint");
  }

  @Test
  void aClosedSetRefusesAndNobodyWaitsForEver() throws Exception {
    SchemaConstraints constraints = new SchemaConstraints(ascii('\0'), new int[] {95});
    assertThat(constraints.stop()).isTrue();
    assertThatThrownBy(() -> constraints.get(SchemaCatalog.shipped().get("receipt")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void aSchemaTheConstraintCannotWriteFailsWhenPrepared(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("negated.schema.json");
    Files.writeString(
        file,
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},"
            + "\"not\":{\"required\":[\"a\"]}}");
    DocumentSchema negated = SchemaCatalog.load(file);
    try (SchemaConstraints constraints = new SchemaConstraints(ascii('\0'), new int[] {95})) {
      assertThatThrownBy(() -> constraints.prepare(negated))
          .isInstanceOfSatisfying(
              DocsiftException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA_INVALID);
                assertThat(e.getMessage()).contains("cannot be written by the slm engine");
              });
    }
  }

  @Test
  void aWarmUpThatCannotRunCostsOnlySpeed() throws Exception {
    // No quote token: a warm-up's generations cannot write a string and fail at once; the
    // factory is still handed out, for the generation to report its own dead end.
    DocumentSchema receipt = SchemaCatalog.shipped().get("receipt");
    try (SchemaConstraints constraints = new SchemaConstraints(ascii('"'), new int[] {95})) {
      ConstraintFactory factory = constraints.get(receipt);
      assertThatThrownBy(factory::warmUp).isInstanceOf(IllegalStateException.class);
    }
  }
}
