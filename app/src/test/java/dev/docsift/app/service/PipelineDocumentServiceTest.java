package dev.docsift.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docsift.core.DocsiftException;
import dev.docsift.core.engine.EngineChoice;
import dev.docsift.core.pipeline.PipelineConfig;
import dev.docsift.errors.ErrorCode;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service seam driven without JavaFX, on processors that behave like pipelines. */
class PipelineDocumentServiceTest {
  private static DocumentSchema schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    schema = SchemaCatalog.shipped().get("receipt");
  }

  /** Collects one job's events and lets a test wait for its end. */
  static final class Events implements JobListener {
    final List<JobEvent> events = new CopyOnWriteArrayList<>();
    final CountDownLatch ended = new CountDownLatch(1);

    @Override
    public void on(JobEvent event) {
      events.add(event);
      if (event.terminal()) {
        ended.countDown();
      }
    }

    JobEvent awaitEnd() throws InterruptedException {
      assertThat(ended.await(10, TimeUnit.SECONDS)).as("the job ended").isTrue();
      return events.get(events.size() - 1);
    }

    List<JobEvent.Stage> stages() {
      return events.stream()
          .filter(e -> e instanceof JobEvent.Progress)
          .map(e -> ((JobEvent.Progress) e).stage())
          .toList();
    }
  }

  private static JobRequest request(String name) {
    return new JobRequest(Path.of("/in/" + name), schema, PipelineConfig.defaults());
  }

  @Test
  void aJobReportsItsPagesThenExactlyOneResult() throws Exception {
    FakeProcessor processor = new FakeProcessor(3);
    try (PipelineDocumentService service = new PipelineDocumentService(c -> processor, 1)) {
      Events events = new Events();
      service.submit(request("a.pdf"), events);
      JobEvent last = events.awaitEnd();

      assertThat(last).isInstanceOf(JobEvent.Finished.class);
      assertThat(((JobEvent.Finished) last).result().pages()).isEqualTo(3);
      assertThat(events.events.stream().filter(JobEvent::terminal)).hasSize(1);
      assertThat(events.stages())
          .startsWith(JobEvent.Stage.QUEUED, JobEvent.Stage.STARTING, JobEvent.Stage.OPENING)
          .contains(JobEvent.Stage.READING, JobEvent.Stage.RENDERING)
          .endsWith(JobEvent.Stage.EXTRACTING);
      List<Double> fractions =
          events.events.stream()
              .filter(e -> e instanceof JobEvent.Progress)
              .map(e -> ((JobEvent.Progress) e).fraction())
              .toList();
      assertThat(fractions).isSorted().allMatch(f -> f >= 0 && f < 1);
      JobEvent.Progress reading =
          (JobEvent.Progress)
              events.events.stream()
                  .filter(
                      e -> e instanceof JobEvent.Progress p && p.stage() == JobEvent.Stage.READING)
                  .findFirst()
                  .orElseThrow();
      assertThat(reading.describe()).isEqualTo("Page 1 of 3: reading");
    }
    assertThat(processor.closed).as("the service closed its processor").isTrue();
  }

  @Test
  void cancelStopsARunningJobAtItsNextPage() throws Exception {
    FakeProcessor processor = new FakeProcessor(50);
    processor.gated = true;
    try (PipelineDocumentService service = new PipelineDocumentService(c -> processor, 1)) {
      Events events = new Events();
      JobHandle job = service.submit(request("long.pdf"), events);
      processor.pagePermits.release(2);
      assertThat(processor.started.await(5, TimeUnit.SECONDS)).isTrue();
      job.cancel();
      processor.pagePermits.release(1);
      assertThat(events.awaitEnd()).isInstanceOf(JobEvent.Cancelled.class);
      job.cancel(); // harmless twice
      assertThat(events.events.stream().filter(JobEvent::terminal)).hasSize(1);
    }
  }

  @Test
  void cancelEndsAQueuedJobAtOnceWithoutRunningIt() throws Exception {
    FakeProcessor processor = new FakeProcessor(5);
    processor.gated = true;
    try (PipelineDocumentService service = new PipelineDocumentService(c -> processor, 1)) {
      Events first = new Events();
      Events second = new Events();
      service.submit(request("a.pdf"), first);
      JobHandle queued = service.submit(request("b.pdf"), second);
      assertThat(processor.started.await(5, TimeUnit.SECONDS)).isTrue();

      queued.cancel();
      assertThat(second.ended.getCount()).as("ended at once").isZero();
      assertThat(second.events.get(second.events.size() - 1))
          .isInstanceOf(JobEvent.Cancelled.class);

      processor.pagePermits.release(5);
      assertThat(first.awaitEnd()).isInstanceOf(JobEvent.Finished.class);
      Thread.sleep(100);
      assertThat(processor.processed).as("the cancelled job never ran").hasValue(1);
    }
  }

  @Test
  void anEngineThatCannotStartFailsTheJobWithItsCodeAndIsTriedAgain() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    DocumentProcessor.Factory factory =
        config -> {
          if (attempts.incrementAndGet() == 1) {
            throw new DocsiftException(
                ErrorCode.TESSERACT_UNAVAILABLE, "The Tesseract OCR library could not be loaded.");
          }
          return new FakeProcessor(1);
        };
    try (PipelineDocumentService service = new PipelineDocumentService(factory, 1)) {
      Events first = new Events();
      service.submit(request("a.pdf"), first);
      JobEvent failed = first.awaitEnd();
      assertThat(failed).isInstanceOf(JobEvent.Failed.class);
      assertThat(((JobEvent.Failed) failed).userMessage())
          .isEqualTo("DS203 The Tesseract OCR library could not be loaded.");

      Events second = new Events();
      service.submit(request("b.pdf"), second);
      assertThat(second.awaitEnd()).isInstanceOf(JobEvent.Finished.class);
      assertThat(attempts).hasValue(2);
    }
  }

  @Test
  void aDefectFailsOneDocumentWithASentenceNotAStackTrace() throws Exception {
    FakeProcessor processor = new FakeProcessor(2);
    processor.defect = new IllegalStateException("boom");
    try (PipelineDocumentService service = new PipelineDocumentService(c -> processor, 1)) {
      Events events = new Events();
      service.submit(request("a.pdf"), events);
      JobEvent.Failed failed = (JobEvent.Failed) events.awaitEnd();
      assertThat(failed.code()).isEqualTo(ErrorCode.INTERNAL);
      assertThat(failed.userMessage())
          .startsWith("DS999 a.pdf: an unexpected failure in docsift (IllegalStateException")
          .contains("boom")
          .endsWith("please report it with the file.");
    }
  }

  @Test
  void newSettingsGetANewEngineAndTheOldOneClosesWhenItsJobEnds() throws Exception {
    List<FakeProcessor> made = new CopyOnWriteArrayList<>();
    DocumentProcessor.Factory factory =
        config -> {
          FakeProcessor p = new FakeProcessor(2);
          p.gated = made.isEmpty();
          made.add(p);
          return p;
        };
    try (PipelineDocumentService service = new PipelineDocumentService(factory, 2)) {
      Events first = new Events();
      service.submit(request("a.pdf"), first);
      assertThat(waitFor(() -> made.size() == 1 && made.get(0).started.getCount() == 0)).isTrue();

      PipelineConfig other = PipelineConfig.defaults().withEngine(EngineChoice.Slm.of("tiny"));
      Events second = new Events();
      service.submit(new JobRequest(Path.of("/in/b.pdf"), schema, other), second);
      assertThat(second.awaitEnd()).isInstanceOf(JobEvent.Finished.class);
      assertThat(made).hasSize(2);
      assertThat(made.get(0).closed).as("still in use by a.pdf").isFalse();

      made.get(0).pagePermits.release(2);
      assertThat(first.awaitEnd()).isInstanceOf(JobEvent.Finished.class);
      assertThat(waitFor(() -> made.get(0).closed.get())).as("closed after its last job").isTrue();
      assertThat(made.get(1).closed).as("the current one stays open").isFalse();

      // The slm engine was asked for, and this fake answered with the OCR engine: said, not hidden.
      assertThat(((JobEvent.Finished) second.events.get(second.events.size() - 1)).notices())
          .singleElement()
          .asString()
          .contains("tiny", "ocr engine");
    }
  }

  @Test
  void workersCanBeChangedWhileJobsRun() throws Exception {
    FakeProcessor processor = new FakeProcessor(1);
    try (PipelineDocumentService service = new PipelineDocumentService(c -> processor, 1)) {
      service.setWorkers(4);
      service.setWorkers(2);
      List<Events> all = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Events e = new Events();
        all.add(e);
        service.submit(request(i + ".pdf"), e);
      }
      for (Events e : all) {
        assertThat(e.awaitEnd()).isInstanceOf(JobEvent.Finished.class);
      }
    }
  }

  private static boolean waitFor(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }
}
