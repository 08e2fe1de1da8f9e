package dev.docsift.core.slm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docsift.core.engine.EngineChoice;
import dev.docsift.core.model.PageTiles;
import dev.docsift.core.pipeline.Cancellation;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.core.pipeline.Pipeline;
import dev.docsift.core.pipeline.PipelineConfig;
import dev.docsift.core.pipeline.ProgressEvent;
import dev.docsift.samples.Degradation;
import dev.docsift.samples.DocumentType;
import dev.docsift.samples.SampleFiles;
import dev.docsift.samples.SampleGenerator;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import dev.docsift.slm.decoder.ExecutionProvider;
import dev.docsift.slm.prompt.ImageGrid;
import dev.docsift.slm.prompt.VisionPrompt;
import dev.docsift.vision.Idefics3Tiles;
import dev.docsift.vision.ImageEmbeddings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tiny Idefics3 export, imported with {@code docsift models import}'s planner, runs: against
 * its PyTorch reference (the page through Idefics3Preprocessor and the vision graph with its pixel
 * mask, the prompt buildGrids writes, image_features in the {@code <image>} rows, prefill logits
 * and greedy tokens), and through the pipeline on generated scans, where the output must be valid.
 */
class Idefics3RunTest {
  @TempDir Path dir;

  private EngineChoice.Slm choice() throws Exception {
    return EngineChoice.Slm.of(TinyIdefics3.importInto(dir).toString())
        .withProvider(ExecutionProvider.CPU);
  }

  @Test
  void pagePromptSpliceAndDecoderMatchPyTorch() throws Exception {
    JsonNode ref = TinyIdefics3.reference();
    try (SlmEngine engine = SlmEngine.open(choice())) {
      Idefics3Tiles tiles =
          engine.preprocessor().preprocess(TinyIdefics3.formulaPage(ref.get("page_side").asInt()));
      assertThat(tiles.rows()).isEqualTo(ref.get("rows").asInt());
      assertThat(tiles.cols()).isEqualTo(ref.get("cols").asInt());
      ImageEmbeddings visual = engine.encoder().encode(tiles);
      assertThat(visual.tokens()).isEqualTo(5 * 16);
      VisionPrompt prompt =
          engine
              .prompts()
              .buildGrids(
                  List.of(new ImageGrid(tiles.rows(), tiles.cols())),
                  ref.get("instruction").asText(),
                  null,
                  4096);
      assertThat(prompt.ids()).containsExactly(ReferenceChecks.ints(ref.get("prompt_ids")));

      int hidden = engine.decoder().spec().hidden();
      float[] embeds = prompt.splice(engine.decoder().embed(prompt.ids()), hidden, visual.values());
      ReferenceChecks.logitsAndGreedyMatch(engine, embeds, prompt.length(), ref, "idefics3");
    }
  }

  @Test
  void scannedReceiptsAndInvoicesComeOutValid() throws Exception {
    assumeThat(
            Stream.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib")
                .anyMatch(d -> Files.exists(Path.of(d, "libtesseract.so.5"))))
        .as("tesseract-ocr is not installed")
        .isTrue();
    PipelineConfig d = PipelineConfig.defaults();
    try (Pipeline pipeline =
        Pipeline.create(new PipelineConfig(d.intake(), d.ocr(), 1, choice()))) {
      for (long seed : new long[] {3, 11, 29}) {
        for (DocumentType type : DocumentType.values()) {
          DocumentSchema schema = SchemaCatalog.shipped().get(type.name().toLowerCase());
          Path pdf = dir.resolve(type.name().toLowerCase() + "-" + seed + ".pdf");
          SampleFiles.writePdf(new SampleGenerator(Degradation.SCANNED).generate(type, seed), pdf);
          List<ProgressEvent> events = new CopyOnWriteArrayList<>();
          ExtractionResult r = pipeline.process(pdf, schema, events::add, new Cancellation());
          assertThat(schema.validate(r.data())).as(type + " seed " + seed).isEmpty();
          assertThat(r.engine().model()).isEqualTo("tiny-idefics3-export-fp32");
          assertThat(events).anyMatch(e -> e instanceof ProgressEvent.TilesEncoded);
          // A page resized to a longest edge of 128 is at most 2 x 2 tiles and the global image.
          PageTiles tiles = r.pageTiles().getFirst();
          assertThat(tiles.tileCount()).isBetween(1, 5);
          assertThat(r.timings().engineCounts().get("prompt_tokens"))
              .isGreaterThan((long) tiles.tileCount() * 16);
        }
      }
    }
  }
}
