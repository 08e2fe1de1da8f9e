package dev.docsift.core.slm;

import dev.docsift.core.DocsiftException;
import dev.docsift.errors.ErrorCode;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.slm.constrain.ConstraintFactory;
import dev.docsift.slm.constrain.JsonSchemaGrammar;
import dev.docsift.slm.tokenizer.Vocabulary;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema constraints of one engine: each schema's {@link ConstraintFactory} is built once, on a
 * background thread, and warmed up ({@link ConstraintFactory#warmUp}) there. A document starts this
 * when it starts, so that the build (a token trie over the whole vocabulary, 0.1–0.2 s on a
 * 32k-token one) and the constraint's first, uncompiled steps run while its pages are rendered and
 * read, not between its prompt and its first token. Thread-safe.
 */
final class SchemaConstraints implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaConstraints.class);

  private final Vocabulary vocabulary;
  private final int[] eosIds;
  private final Map<String, Future<ConstraintFactory>> factories = new ConcurrentHashMap<>();
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "docsift-constraint");
            t.setDaemon(true);
            return t;
          });

  /**
   * Creates the set.
   *
   * @param vocabulary the tokenizer's vocabulary; must stay open until {@link #close}
   * @param eosIds the ids that end a generation
   */
  SchemaConstraints(Vocabulary vocabulary, int[] eosIds) {
    this.vocabulary = vocabulary;
    this.eosIds = eosIds.clone();
  }

  /**
   * Starts building a schema's constraint, unless it is built or being built. The schema itself is
   * compiled here, so that one the constraint cannot write fails at once.
   *
   * @param schema the schema
   * @return the factory, when it is ready
   * @throws DocsiftException when the schema uses something the constraint does not support
   */
  Future<ConstraintFactory> prepare(DocumentSchema schema) throws DocsiftException {
    String key = key(schema);
    Future<ConstraintFactory> known = factories.get(key);
    if (known != null) {
      return known;
    }
    JsonSchemaGrammar grammar;
    try {
      grammar = JsonSchemaGrammar.compile(schema);
    } catch (IllegalArgumentException e) {
      throw invalid(schema, e);
    }
    FutureTask<ConstraintFactory> task =
        new FutureTask<>(
            () -> {
              ConstraintFactory factory = new ConstraintFactory(grammar, vocabulary, eosIds);
              // Queued behind the build rather than part of it: a generation takes the factory as
              // soon as it is built (it is thread-safe), warm or not, and never waits for this.
              try {
                thread.execute(() -> warmUp(factory, schema));
              } catch (RejectedExecutionException closing) {
                // The engine is closing: no warm-up, and nothing will need one.
              }
              return factory;
            });
    Future<ConstraintFactory> raced = factories.putIfAbsent(key, task);
    if (raced != null) {
      return raced;
    }
    try {
      thread.execute(task);
    } catch (RejectedExecutionException e) {
      factories.remove(key, task);
      throw new IllegalStateException("the slm engine is closed", e);
    }
    return task;
  }

  private static void warmUp(ConstraintFactory factory, DocumentSchema schema) {
    try {
      factory.warmUp();
    } catch (RuntimeException e) {
      // Only speed is lost: the first generation compiles and caches as it goes.
      LOG.debug("The constraint of {} was not warmed up: {}", schema.id(), e.toString());
    }
  }

  /**
   * A schema's constraint factory, waiting for it to be built.
   *
   * @param schema the schema
   * @return the factory
   * @throws DocsiftException when the schema or the vocabulary cannot make one
   */
  ConstraintFactory get(DocumentSchema schema) throws DocsiftException {
    Future<ConstraintFactory> f = prepare(schema);
    try {
      return f.get();
    } catch (CancellationException e) {
      throw new IllegalStateException("the slm engine is closed", e);
    } catch (ExecutionException e) {
      factories.remove(key(schema), f);
      if (e.getCause() instanceof IllegalArgumentException bad) {
        throw invalid(schema, bad);
      }
      throw new IllegalStateException("building the schema constraint failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DocsiftException(ErrorCode.CANCELLED, "Interrupted while the schema compiled.");
    }
  }

  private static String key(DocumentSchema schema) {
    return schema.id() + "\u0000" + schema.json().toString();
  }

  private static DocsiftException invalid(DocumentSchema schema, IllegalArgumentException e) {
    return new DocsiftException(
        ErrorCode.SCHEMA_INVALID,
        "Schema " + schema.id() + " cannot be written by the slm engine: " + e.getMessage(),
        e);
  }

  /**
   * Stops: a build or warm-up not started is cancelled (whoever waits for it is told the engine is
   * closed), a warm-up in progress stops at its next step, and a build in progress, which reads the
   * vocabulary, is waited for.
   *
   * @return whether the thread has stopped, so that the vocabulary may be closed
   */
  boolean stop() {
    for (Runnable queued : thread.shutdownNow()) {
      if (queued instanceof Future<?> f) {
        f.cancel(false);
      }
    }
    try {
      if (thread.awaitTermination(1, TimeUnit.MINUTES)) {
        return true;
      }
      LOG.warn("The schema constraint is still being built; the tokenizer is left open.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  @Override
  public void close() {
    stop();
  }
}
