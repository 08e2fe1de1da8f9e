package dev.docsift.app.service;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.errors.ErrorCode;
import java.util.List;
import java.util.Objects;

/**
 * What a job reports, in order: any number of {@link Progress} events, then exactly one terminal
 * event ({@link Finished}, {@link Failed} or {@link Cancelled}).
 */
public sealed interface JobEvent {
  /** Whether this event ends the job. */
  default boolean terminal() {
    return !(this instanceof Progress);
  }

  /**
   * The job moved on.
   *
   * @param stage what it is doing
   * @param page the 1-based page it is on, or 0 before the document is open
   * @param pages the page count, or 0 while unknown
   * @param fraction how much of the job is done, 0 to 1
   */
  record Progress(Stage stage, int page, int pages, double fraction) implements JobEvent {
    /** Validates. */
    public Progress {
      Objects.requireNonNull(stage, "stage");
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new IllegalArgumentException("fraction must be in 0..1: " + fraction);
      }
    }

    /** A line for the document's row, such as {@code Page 3 of 50: reading}. */
    public String describe() {
      return pages > 0 && page > 0 && stage.perPage()
          ? "Page " + page + " of " + pages + ": " + stage.verb()
          : Character.toUpperCase(stage.verb().charAt(0)) + stage.verb().substring(1);
    }
  }

  /**
   * A result was made.
   *
   * @param result the result
   * @param notices sentences the user should see next to it (an engine that was not available)
   */
  record Finished(ExtractionResult result, List<String> notices) implements JobEvent {
    /** Validates and copies. */
    public Finished {
      Objects.requireNonNull(result, "result");
      notices = List.copyOf(notices);
    }
  }

  /**
   * No result: the error says why.
   *
   * @param code the stable code
   * @param message one sentence
   */
  record Failed(ErrorCode code, String message) implements JobEvent {
    /** Validates. */
    public Failed {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }

    /** From the engine boundary's exception. */
    public static Failed of(DocsiftException e) {
      return new Failed(e.code(), e.getMessage());
    }

    /** The message with its code, as users see it: {@code DS105 x.pdf is not a PDF...}. */
    public String userMessage() {
      return code.code() + " " + message;
    }
  }

  /** The job was cancelled before it made a result. */
  record Cancelled() implements JobEvent {}

  /** The stages a job goes through. */
  enum Stage {
    /** Waiting for a free worker. */
    QUEUED("queued", false),
    /** Starting the engine (loading Tesseract, a model). */
    STARTING("starting the engine", false),
    /** Opening the file. */
    OPENING("opening", false),
    /** Rendering or decoding a page. */
    RENDERING("rendering", true),
    /** Reading a page (OCR). */
    READING("reading", true),
    /** The slm engine's vision encoder on a page's tiles. */
    ENCODING("encoding the tiles", true),
    /** The slm engine's decoder writing the JSON. */
    WRITING("the model is writing the JSON", false),
    /** Filling the schema from what was read. */
    EXTRACTING("extracting the values", false);

    private final String verb;
    private final boolean perPage;

    Stage(String verb, boolean perPage) {
      this.verb = verb;
      this.perPage = perPage;
    }

    /** What the stage does, lower case: {@code reading}. */
    public String verb() {
      return verb;
    }

    /** Whether the stage works on one page at a time. */
    public boolean perPage() {
      return perPage;
    }
  }
}
