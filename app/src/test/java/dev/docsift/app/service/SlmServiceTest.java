package dev.docsift.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.docsift.app.cli.Tesseract;
import dev.docsift.core.engine.EngineChoice;
import dev.docsift.core.pipeline.PipelineConfig;
import dev.docsift.schemas.SchemaCatalog;
import dev.docsift.slm.decoder.ExecutionProvider;
import dev.docsift.slm.fixtures.TestFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The window's service on the real pipeline with the tiny InternVL pack: the slm stages show. */
class SlmServiceTest {
  @Test
  void aPackReadsADocumentAndItsTilesAndWritingShowAsProgress() throws Exception {
    assumeThat(Tesseract.installed()).as("tesseract-ocr is not installed").isTrue();
    assumeThat(TestFixtures.present("tiny-internvl")).as("no tiny pack").isTrue();
    Path pack = TestFixtures.folder("tiny-internvl");
    assumeThat(Files.isRegularFile(pack.resolve("pack.json"))).as("no tiny pack").isTrue();
    PipelineConfig d = PipelineConfig.defaults();
    PipelineConfig config =
        new PipelineConfig(
            d.intake(),
            d.ocr(),
            1,
            EngineChoice.Slm.of(pack.normalize().toString()).withProvider(ExecutionProvider.CPU));
    Path receipt = Path.of("..", "samples", "documents", "receipt-002.pdf").toAbsolutePath();
    try (PipelineDocumentService service = new PipelineDocumentService(1)) {
      PipelineDocumentServiceTest.Events events = new PipelineDocumentServiceTest.Events();
      service.submit(
          new JobRequest(receipt, SchemaCatalog.shipped().get("receipt"), config), events);
      assertThat(events.ended.await(120, TimeUnit.SECONDS)).as("the job ended").isTrue();
      JobEvent last = events.events.get(events.events.size() - 1);
      assertThat(last).as(events.events.toString()).isInstanceOf(JobEvent.Finished.class);
      JobEvent.Finished done = (JobEvent.Finished) last;
      assertThat(done.result().engine().name()).isEqualTo("slm");
      assertThat(done.notices()).isEmpty();
      assertThat(events.stages()).contains(JobEvent.Stage.ENCODING, JobEvent.Stage.WRITING);
    }
  }
}
