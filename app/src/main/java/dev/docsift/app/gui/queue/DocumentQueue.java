package dev.docsift.app.gui.queue;

import dev.docsift.app.service.CoalescingListener;
import dev.docsift.app.service.DocumentService;
import dev.docsift.app.service.JobHandle;
import dev.docsift.app.service.JobRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The queue's controller: adds documents, cancels, retries and removes them, and applies their
 * jobs' events on the JavaFX thread. The work itself runs in the {@link DocumentService}.
 */
public final class DocumentQueue {
  private final ObservableList<DocumentItem> items = FXCollections.observableArrayList();
  private final DocumentService service;
  private final Executor ui;
  private final Function<Path, JobRequest> requests;

  /**
   * Creates the queue.
   *
   * @param service runs the documents
   * @param ui the JavaFX thread's executor
   * @param requests makes a document's request from the schema and engine picked at the time
   */
  public DocumentQueue(DocumentService service, Executor ui, Function<Path, JobRequest> requests) {
    this.service = Objects.requireNonNull(service, "service");
    this.ui = Objects.requireNonNull(ui, "ui");
    this.requests = Objects.requireNonNull(requests, "requests");
  }

  /** The documents, in the order they were added. */
  public ObservableList<DocumentItem> items() {
    return items;
  }

  /**
   * Queues files; a file already in the queue is left where it is.
   *
   * @param files the inputs
   * @return the items added
   */
  public List<DocumentItem> add(List<Path> files) {
    List<DocumentItem> added = new ArrayList<>();
    for (Path file : files) {
      Path normal = file.toAbsolutePath().normalize();
      if (items.stream().anyMatch(i -> i.file().equals(normal))) {
        continue;
      }
      DocumentItem item = new DocumentItem(normal);
      items.add(item);
      submit(item);
      added.add(item);
    }
    return added;
  }

  /**
   * Runs a document again with the schema and engine picked now.
   *
   * @param item a document that ended
   */
  public void retry(DocumentItem item) {
    if (item.state().ended() && items.contains(item)) {
      submit(item);
    }
  }

  /**
   * Stops a document; it stays in the queue, cancelled.
   *
   * @param item the document
   */
  public void cancel(DocumentItem item) {
    item.cancel();
  }

  /**
   * Takes a document out of the queue, cancelling it if it is still at work.
   *
   * @param item the document
   */
  public void remove(DocumentItem item) {
    item.cancel();
    items.remove(item);
  }

  private void submit(DocumentItem item) {
    JobRequest request = requests.apply(item.file());
    int generation = item.submitted(request);
    // Events come from worker threads; the listener hands them to the JavaFX thread, coalesced.
    // The generation ties them to this submission: a retried item ignores its old job.
    JobHandle handle =
        service.submit(
            request,
            new CoalescingListener(
                ui,
                event -> {
                  if (item.generation() == generation) {
                    item.apply(event);
                  }
                }));
    item.attach(handle);
  }
}
