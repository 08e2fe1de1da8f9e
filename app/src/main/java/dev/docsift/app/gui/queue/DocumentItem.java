package dev.docsift.app.gui.queue;

import dev.docsift.app.review.EditableResult;
import dev.docsift.app.service.JobEvent;
import dev.docsift.app.service.JobHandle;
import dev.docsift.app.service.JobRequest;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One document of the queue as the window shows it: its state, progress, error and, once done, its
 * result under review. Lives on the JavaFX thread: every change comes from it.
 */
public final class DocumentItem {
  /** Where a document stands. */
  public enum State {
    /** Waiting for a worker. */
    QUEUED("Queued"),
    /** Being read. */
    RUNNING("Working"),
    /** Cancel was asked for; stops at the next page. */
    CANCELLING("Cancelling"),
    /** A result is there. */
    DONE("Done"),
    /** No result; the error says why. */
    FAILED("Failed"),
    /** Stopped by the user. */
    CANCELLED("Cancelled");

    private final String label;

    State(String label) {
      this.label = label;
    }

    /** The word the row shows. */
    public String label() {
      return label;
    }

    /** Whether work on the document is over. */
    public boolean ended() {
      return this == DONE || this == FAILED || this == CANCELLED;
    }
  }

  private final Path file;
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.QUEUED);
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("Queued");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
  private final ObjectProperty<EditableResult> review = new SimpleObjectProperty<>();
  private final IntegerProperty revision = new SimpleIntegerProperty();
  private List<String> notices = List.of();
  private JobRequest request;
  private JobHandle handle;
  private int generation;

  /**
   * A document about to be queued.
   *
   * @param file the input
   */
  public DocumentItem(Path file) {
    this.file = file;
  }

  /** The input. */
  public Path file() {
    return file;
  }

  /** The file's name. */
  public String name() {
    return file.getFileName().toString();
  }

  /** Where it stands. */
  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  /** Where it stands. */
  public State state() {
    return state.get();
  }

  /** How much is done, 0 to 1. */
  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  /** A line about the work: the stage, or a summary of the result. */
  public ReadOnlyStringProperty detailProperty() {
    return detail.getReadOnlyProperty();
  }

  /** The error with its code, or null. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** The result under review, once done; null before. */
  public ObjectProperty<EditableResult> reviewProperty() {
    return review;
  }

  /** The result under review, or null. */
  public EditableResult review() {
    return review.get();
  }

  /** Bumped on every correction, so views of the result refresh. */
  public IntegerProperty revisionProperty() {
    return revision;
  }

  /** Sentences to show with the result, such as an engine that was not available. */
  public List<String> notices() {
    return notices;
  }

  /** The request it was last submitted with. */
  public JobRequest request() {
    return request;
  }

  /** Records a correction: the row's summary and every view of the result refresh. */
  public void edited() {
    summarise();
    revision.set(revision.get() + 1);
  }

  /** Resets the item for a new submission; returns the submission's number. */
  int submitted(JobRequest newRequest) {
    generation++;
    request = newRequest;
    handle = null;
    review.set(null);
    notices = List.of();
    error.set(null);
    state.set(State.QUEUED);
    progress.set(0);
    detail.set("Queued");
    return generation;
  }

  /** The number of the latest submission. */
  int generation() {
    return generation;
  }

  void attach(JobHandle newHandle) {
    handle = newHandle;
  }

  /** Asks the job to stop. */
  void cancel() {
    if (handle != null && !state.get().ended()) {
      state.set(State.CANCELLING);
      detail.set("Cancelling at the end of this page");
      handle.cancel();
    }
  }

  /** Applies a job event (on the JavaFX thread). */
  void apply(JobEvent event) {
    switch (event) {
      case JobEvent.Progress p -> {
        if (state.get() == State.CANCELLING || state.get().ended()) {
          return;
        }
        state.set(p.stage() == JobEvent.Stage.QUEUED ? State.QUEUED : State.RUNNING);
        // Never indeterminate: its animation costs a frame every pulse, which software rendering
        // on a machine busy with OCR cannot spare.
        progress.set(p.fraction());
        detail.set(p.describe());
      }
      case JobEvent.Finished f -> {
        notices = f.notices();
        review.set(new EditableResult(request.schema(), f.result()));
        progress.set(1);
        summarise(); // before the state changes: listeners of the state read the summary
        state.set(State.DONE);
      }
      case JobEvent.Failed f -> {
        error.set(f.userMessage());
        progress.set(0);
        state.set(State.FAILED);
        detail.set("Failed");
      }
      case JobEvent.Cancelled c -> {
        progress.set(0);
        state.set(State.CANCELLED);
        detail.set("Cancelled");
      }
    }
  }

  private void summarise() {
    EditableResult r = review.get();
    if (r == null) {
      return;
    }
    long values = r.fields().size();
    long low =
        r.fields().stream().filter(f -> f.confidence() < EditableResult.LOW_CONFIDENCE).count();
    StringBuilder s = new StringBuilder();
    s.append(r.original().pages()).append(r.original().pages() == 1 ? " page · " : " pages · ");
    s.append(values).append(values == 1 ? " value" : " values");
    if (low > 0) {
      s.append(" · ").append(low).append(" to check");
    }
    if (r.violationCount() > 0) {
      s.append(" · ").append(r.violationCount()).append(" invalid");
    }
    if (r.hasEdits()) {
      s.append(" · edited");
    }
    detail.set(s.toString());
  }
}
