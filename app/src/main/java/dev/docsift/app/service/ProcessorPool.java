package dev.docsift.app.service;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.pipeline.PipelineConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps one processor for the settings in use and swaps it when they change: a processor that is
 * replaced is closed once the last job using it lets go, so settings can change while documents
 * run. Thread-safe.
 */
final class ProcessorPool implements AutoCloseable {
  private final DocumentProcessor.Factory factory;
  private final List<Entry> retired = new ArrayList<>(); // guarded by this
  private Entry current; // guarded by this
  private boolean closed; // guarded by this

  ProcessorPool(DocumentProcessor.Factory factory) {
    this.factory = factory;
  }

  /** A processor lent to one job; give it back with {@link #close()}. */
  final class Lease implements AutoCloseable {
    private final Entry entry;
    private boolean released;

    private Lease(Entry entry) {
      this.entry = entry;
    }

    DocumentProcessor processor() {
      return entry.processor;
    }

    @Override
    public void close() {
      synchronized (ProcessorPool.this) {
        if (released) {
          return;
        }
        released = true;
        entry.users--;
        if (entry != current && entry.users == 0) {
          retired.remove(entry);
          entry.processor.close();
        }
      }
    }
  }

  private static final class Entry {
    final PipelineConfig config;
    final DocumentProcessor processor;
    int users;

    Entry(PipelineConfig config, DocumentProcessor processor) {
      this.config = config;
      this.processor = processor;
    }
  }

  /**
   * Lends the processor for some settings, starting it when none matches. Starting one (loading
   * Tesseract) holds the pool's lock: jobs with the same settings wait for it rather than each
   * starting their own.
   *
   * @param config the settings
   * @return the lease
   * @throws DocsiftException when the processor cannot start; the next call tries again
   */
  synchronized Lease acquire(PipelineConfig config) throws DocsiftException {
    if (closed) {
      throw new IllegalStateException("the service is closed");
    }
    if (current == null || !current.config.equals(config)) {
      DocumentProcessor fresh = factory.open(config);
      if (current != null) {
        if (current.users == 0) {
          current.processor.close();
        } else {
          retired.add(current);
        }
      }
      current = new Entry(config, fresh);
    }
    current.users++;
    return new Lease(current);
  }

  /** Closes every processor; jobs still holding one see it fail. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (current != null) {
      current.processor.close();
      current = null;
    }
    retired.forEach(e -> e.processor.close());
    retired.clear();
  }
}
