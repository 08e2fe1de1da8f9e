package dev.docsift.slm.constrain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.schemas.SchemaCatalog;
import org.junit.jupiter.api.Test;

/** Prints the cost per token on a 32k vocabulary; asserts only that it ran. */
class ConstraintPerformanceTest {
  @Test
  void reportsMicrosecondsPerToken() throws Exception {
    TestVocab vocab = TestVocab.random32k(42);
    for (String id : new String[] {"receipt", "invoice"}) {
      JsonSchemaGrammar grammar = JsonSchemaGrammar.compile(SchemaCatalog.shipped().get(id));
      ConstraintBenchmark.run(vocab, grammar, new int[] {vocab.eos()}, 5_000, 1); // warm-up
      ConstraintBenchmark.Result r =
          ConstraintBenchmark.run(vocab, grammar, new int[] {vocab.eos()}, 30_000, 2);
      System.out.printf(
          "constraint benchmark %s: %d-token vocabulary, %d tokens, %d documents, %.1f us/token"
              + " (mask+accept), trie build %.0f ms%n",
          id, vocab.size(), r.tokens(), r.documents(), r.meanMicrosPerToken(), r.setupMillis());
      assertThat(r.tokens()).isEqualTo(30_000);
    }
  }
}
